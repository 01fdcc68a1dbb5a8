// threadpool.h - a tiny persistent thread pool for splitting one kernel call over a few threads.
//
// Why not OpenMP: no libgomp dependency, and no long idle spinning that competes with the managed
// runtime on small machines. Workers spin briefly after a job (back-to-back kernel calls of a training
// loop then dispatch in about a microsecond) and then sleep on a condition variable.
//
// Work is handed out as chunks with fixed boundaries, claimed dynamically: whichever thread is running
// takes the next chunk. If a worker is descheduled (other processes on a small machine) or still asleep,
// the caller simply does more chunks itself and never waits for a worker that has not started. Chunk
// boundaries depend only on the problem, and kernels never split a reduction, so results are the same
// whoever runs which chunk.
#pragma once

#include <atomic>
#include <cstdint>

namespace mlnd {

// Thread budget of large kernels called from the CALLING thread (>= 1, at most 64); a thread that never set
// one gets min(2, hardware threads). Per thread, so no application thread can change another's budget.
int32_t threads_get();
void threads_set(int32_t n);

// Runs fn(ctx) on the calling thread and on up to nt - 1 workers that join before the caller is done;
// fn must claim its work itself (see parallel_chunks). Returns when every thread that ran fn has
// finished. If the pool is busy (another thread of the process is inside parallel_run), fn runs on the
// caller alone. An exception from any thread is rethrown on the caller.
void parallel_run(int nt, void (*fn)(void* ctx), void* ctx);

// f(chunk) for chunk in [0, nchunks), spread over up to nt threads.
template <class F>
void parallel_chunks(int nt, int64_t nchunks, F&& f) {
  if (nt > nchunks) nt = static_cast<int>(nchunks);
  if (nt <= 1) {
    for (int64_t c = 0; c < nchunks; ++c) f(c);
    return;
  }
  struct Ctx {
    F* f;
    std::atomic<int64_t> next;
    int64_t n;
  } ctx{&f, {0}, nchunks};
  parallel_run(
      nt,
      [](void* p) {
        Ctx* c = static_cast<Ctx*>(p);
        for (int64_t i; (i = c->next.fetch_add(1, std::memory_order_relaxed)) < c->n;) (*c->f)(i);
      },
      &ctx);
}

}  // namespace mlnd
