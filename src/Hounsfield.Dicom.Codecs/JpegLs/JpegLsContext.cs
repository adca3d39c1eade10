using System.Runtime.CompilerServices;

namespace Hounsfield.Dicom.Codecs.JpegLs;

/// <summary>The variables A, B, C and N of one regular-mode context (A.2.1), kept together.</summary>
internal struct RegularContext
{
    public int A;
    public int B;
    public int C;
    public int N;

    /// <summary>Golomb parameter k: the least k with N·2^k ≥ A (A.5.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int GolombK()
    {
        // Branch-free: k is log2(A) - log2(N) or one more (A, N >= 1).
        var k0 = Math.Max(0, System.Numerics.BitOperations.Log2((uint)A) - System.Numerics.BitOperations.Log2((uint)N));
        return k0 + ((N << k0) < A ? 1 : 0);
    }

    /// <summary>Regular-mode variable update and bias correction (A.6.1, A.6.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int errval, int near2p1, int reset)
    {
        var b = B + errval * near2p1;
        var a = A + (errval < 0 ? -errval : errval);
        var n = N;
        if (n == reset)
        {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }
        n++;
        A = a;
        if (b <= -n)
        {
            b += n;
            if (C > -128)
                C--;
            if (b <= -n)
                b = -n + 1;
        }
        else if (b > 0)
        {
            b -= n;
            if (C < 127)
                C++;
            if (b > 0)
                b = 0;
        }
        B = b;
        N = n;
    }
}

/// <summary>The adaptive state of one scan: 365 regular contexts and two run-interruption contexts (A.2.1).</summary>
internal sealed class JpegLsContext
{
    /// <summary>The order of run-length codes (A.7.1.1, table J).</summary>
    public static ReadOnlySpan<byte> J => [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    public readonly RegularContext[] Regular = new RegularContext[365];

    // Run-interruption contexts 365 and 366, indexed by RItype.
    public readonly int[] RunA = new int[2];
    public readonly int[] RunN = new int[2];
    public readonly int[] RunNn = new int[2];

    public JpegLsContext(JpegLsParameters p)
    {
        var a = Math.Max(2, (p.Range + 32) / 64);
        for (var i = 0; i < Regular.Length; i++)
            Regular[i] = new RegularContext { A = a, N = 1 };
        RunA[0] = RunA[1] = a;
        RunN[0] = RunN[1] = 1;
    }

    /// <summary>Golomb parameter for run-interruption context <paramref name="riType"/> (A.7.2.1).</summary>
    public int RunGolombK(int riType)
    {
        var n = RunN[riType];
        var temp = riType == 1 ? RunA[1] + (n >> 1) : RunA[0];
        var k = 0;
        while ((n << k) < temp)
            k++;
        return k;
    }

    /// <summary>Run-interruption variable update (A.7.2.2).</summary>
    public void UpdateRunInterruption(int riType, int errval, int emErrval, int reset)
    {
        if (errval < 0)
            RunNn[riType]++;
        RunA[riType] += (emErrval + 1 - riType) >> 1;
        if (RunN[riType] == reset)
        {
            RunA[riType] >>= 1;
            RunN[riType] >>= 1;
            RunNn[riType] >>= 1;
        }
        RunN[riType]++;
    }
}
