namespace ActiveAlignment.Estimation;

/// <summary>
/// xoshiro256** seeded by SplitMix64 from (seed, replicate): each replicate has its own stream, so results do not depend on
/// which thread runs which replicate. Integers in [0, n) by Lemire's unbiased multiply-and-reject method.
/// </summary>
internal struct BootstrapRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public BootstrapRandom(ulong seed, ulong stream)
    {
        ulong x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform on [0, n), n ≥ 1.</summary>
    public int Next(int n)
    {
        uint bound = (uint)n;
        ulong m = (ulong)(uint)(NextUInt64() >> 32) * bound;
        uint low = (uint)m;
        if (low < bound)
        {
            uint threshold = (uint)(-bound) % bound;
            while (low < threshold)
            {
                m = (ulong)(uint)(NextUInt64() >> 32) * bound;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
