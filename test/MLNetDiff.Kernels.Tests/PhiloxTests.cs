namespace MLNetDiff.Kernels.Tests;

/// <summary><see cref="Philox"/> against the known-answer vectors of Random123 (D. E. Shaw Research,
/// <c>tests/kat_vectors</c>, "philox4x32 10"), and the uniform mapping of the C ABI.</summary>
[TestClass]
public sealed class PhiloxTests
{
    [TestMethod]
    [DataRow(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
        0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u, DisplayName = "zero counter, zero key")]
    [DataRow(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
        0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu, DisplayName = "all-ones counter and key")]
    [DataRow(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u,
        0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u, DisplayName = "pi digits")]
    public void Block_MatchesRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1,
        uint e0, uint e1, uint e2, uint e3)
    {
        (uint x0, uint x1, uint x2, uint x3) = Philox.Block(c0, c1, c2, c3, k0, k1);
        Assert.AreEqual((e0, e1, e2, e3), (x0, x1, x2, x3));
    }

    [TestMethod]
    public void ToUniform_IsOpenInterval_AndExact()
    {
        Assert.AreEqual(0.5f / 8388608f, Philox.ToUniform(0u));
        Assert.AreEqual(1f - 0.5f / 8388608f, Philox.ToUniform(uint.MaxValue));
        Assert.IsTrue(Philox.ToUniform(uint.MaxValue) < 1f);
        Assert.AreEqual(0.5f + 0.5f / 8388608f, Philox.ToUniform(0x80000000u));
    }
}
