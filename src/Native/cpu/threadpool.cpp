// threadpool.cpp - see threadpool.h.
//
// Protocol. The caller publishes a job by storing `state_` = (generation << 8) | nt (one atomic store, so
// a worker reads generation and participant limit together). A woken worker (tid < nt) then tries to
// *join* through `ticket_` = (generation << 24) | closed bit (1 << 23) | joined count: a CAS that only
// succeeds while the ticket is of the same generation and still open. When the caller has run out of
// work it closes the ticket (fetch_or), which fixes the number of joined workers, and waits for exactly
// that many to finish. A late worker finds the ticket closed (or of a newer generation) and touches
// nothing of the job, so the job's context may live on the caller's stack.
// Sleeping uses a Dekker-style handshake on `sleepers_` (both sides seq_cst), so a wake-up cannot be lost
// and the caller only takes the mutex when a worker actually sleeps.
#include "threadpool.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MLND_CPU_RELAX() _mm_pause()
#else
#define MLND_CPU_RELAX() ((void)0)
#endif

namespace mlnd {
namespace {

constexpr int kMaxThreads = 64;
// How long an idle worker spins before sleeping. Kernel calls of a training step follow each other
// within microseconds, so this keeps dispatch cheap without burning a core when the library is idle.
constexpr auto kSpin = std::chrono::microseconds(50);

constexpr uint64_t kTicketCount = (1ull << 23) - 1;
constexpr uint64_t kTicketClosed = 1ull << 23;
constexpr int kTicketGenShift = 24;
constexpr uint64_t kGenMask = (1ull << 40) - 1;

class Pool {
 public:
  void run(int nt, void (*fn)(void*), void* ctx) {
    std::unique_lock<std::mutex> busy(busy_, std::defer_lock);
    if (nt > 1) busy.try_lock();
    if (!busy.owns_lock()) {
      fn(ctx);  // one thread, or another caller owns the workers: same results, just fewer threads
      return;
    }
    nt = std::min(nt, kMaxThreads);
    while (static_cast<int>(workers_.size()) < nt - 1) {
      // The worker must start from the state *before* this job is published, or it could miss it.
      int tid = static_cast<int>(workers_.size()) + 1;
      uint64_t before = state_.load(std::memory_order_relaxed);
      try {
        workers_.emplace_back([this, tid, before] { worker(tid, before); });
      } catch (...) {
        break;  // cannot start a thread (limits): run with the workers we have
      }
    }
    nt = std::min(nt, static_cast<int>(workers_.size()) + 1);
    const uint64_t gen = ((state_.load(std::memory_order_relaxed) >> 8) + 1) & kGenMask;
    fn_ = fn;
    ctx_ = ctx;
    error_ = nullptr;
    error_flag_.store(false, std::memory_order_relaxed);
    finished_.store(0, std::memory_order_relaxed);
    ticket_.store(gen << kTicketGenShift, std::memory_order_relaxed);
    state_.store((gen << 8) | static_cast<uint64_t>(nt), std::memory_order_seq_cst);  // publish
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lk(sleep_mutex_);
      sleep_cv_.notify_all();
    }
    try {
      fn(ctx);
    } catch (...) {
      record_error();
    }
    // No work left: close the job and wait only for the workers that joined it.
    const uint64_t joined = ticket_.fetch_or(kTicketClosed, std::memory_order_acq_rel) & kTicketCount;
    for (int spins = 0; finished_.load(std::memory_order_acquire) != joined; ++spins) {
      if (spins < 4000)
        MLND_CPU_RELAX();
      else
        std::this_thread::yield();  // the joined worker was descheduled mid-chunk
    }
    if (error_flag_.load(std::memory_order_acquire)) std::rethrow_exception(error_);
  }

 private:
  void record_error() {
    std::lock_guard<std::mutex> lk(error_mutex_);
    if (!error_flag_.load(std::memory_order_relaxed)) {
      error_ = std::current_exception();
      error_flag_.store(true, std::memory_order_release);
    }
  }

  bool join(uint64_t gen) {
    uint64_t t = ticket_.load(std::memory_order_acquire);
    for (;;) {
      if ((t >> kTicketGenShift) != gen || (t & kTicketClosed) != 0) return false;
      if (ticket_.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel, std::memory_order_acquire)) return true;
    }
  }

  void worker(int tid, uint64_t seen) {
    for (;;) {
      const uint64_t s = wait_for_change(seen);
      seen = s;
      if (tid >= static_cast<int>(s & 0xff) || !join(s >> 8)) continue;
      try {
        fn_(ctx_);
      } catch (...) {
        record_error();
      }
      finished_.fetch_add(1, std::memory_order_release);
    }
  }

  uint64_t wait_for_change(uint64_t seen) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0;; ++i) {
      uint64_t s = state_.load(std::memory_order_acquire);
      if (s != seen) return s;
      MLND_CPU_RELAX();
      if ((i & 255) == 255 && std::chrono::steady_clock::now() - start > kSpin) break;
    }
    std::unique_lock<std::mutex> lk(sleep_mutex_);
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    uint64_t s;
    sleep_cv_.wait(lk, [&] { return (s = state_.load(std::memory_order_seq_cst)) != seen; });
    sleepers_.fetch_sub(1, std::memory_order_relaxed);
    return s;
  }

  std::mutex busy_;
  std::vector<std::thread> workers_;
  void (*fn_)(void*) = nullptr;
  void* ctx_ = nullptr;
  std::atomic<uint64_t> state_{0};
  std::atomic<uint64_t> ticket_{0};
  std::atomic<uint64_t> finished_{0};
  std::atomic<int> sleepers_{0};
  std::mutex sleep_mutex_;
  std::condition_variable sleep_cv_;
  std::mutex error_mutex_;
  std::exception_ptr error_;
  std::atomic<bool> error_flag_{false};
};

// Never destroyed: joinable std::threads in a static destructor would terminate the process at exit, and
// workers blocked on the condition variable simply end with the process.
Pool& pool() {
  static Pool* p = new Pool();
  return *p;
}

// The thread budget is per calling thread, not per process: two application threads (say two trainers fitting
// at once) each set their own and never see the other's. 0 = not set, use the default.
thread_local int32_t tls_threads = 0;

int32_t default_threads() {
  static const int32_t n = [] {
    unsigned hw = std::thread::hardware_concurrency();
    return static_cast<int32_t>(std::max(1u, std::min(2u, hw == 0 ? 1u : hw)));
  }();
  return n;
}

}  // namespace

int32_t threads_get() { return tls_threads != 0 ? tls_threads : default_threads(); }
void threads_set(int32_t n) { tls_threads = std::min(std::max(n, int32_t(1)), int32_t(kMaxThreads)); }
void parallel_run(int nt, void (*fn)(void*), void* ctx) { pool().run(nt, fn, ctx); }

}  // namespace mlnd
