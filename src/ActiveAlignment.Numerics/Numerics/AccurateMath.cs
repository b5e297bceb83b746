namespace ActiveAlignment.Numerics;

/// <summary>
/// log(1 + x) and eˣ − 1 accurate to a few ulps near 0 (the BCL's <c>double.LogP1</c>/<c>ExpM1</c> compute log(1 + x) and
/// eˣ − 1 directly and lose every digit for tiny x).
/// </summary>
internal static class AccurateMath
{
    /// <summary>log(1 + x) for x &gt; −1 (Goldberg 1991: log(u)·x/(u − 1) with u = 1 + x).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>eˣ − 1 (Kahan: (u − 1)·x/log(u) with u = eˣ).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1.0;
        }
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }
        double um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }
}
