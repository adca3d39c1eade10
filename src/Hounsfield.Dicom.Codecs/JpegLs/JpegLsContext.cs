namespace Hounsfield.Dicom.Codecs.JpegLs;

/// <summary>The adaptive state of one scan: 365 regular contexts and two run-interruption contexts (A.2.1).</summary>
internal sealed class JpegLsContext
{
    /// <summary>The order of run-length codes (A.7.1.1, table J).</summary>
    public static ReadOnlySpan<byte> J => [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    public const int RunContext = 365;

    public readonly int[] A = new int[367];
    public readonly int[] B = new int[365];
    public readonly int[] C = new int[365];
    public readonly int[] N = new int[367];
    public readonly int[] Nn = new int[367];

    public JpegLsContext(JpegLsParameters p)
    {
        var a = Math.Max(2, (p.Range + 32) / 64);
        Array.Fill(A, a);
        Array.Fill(N, 1);
    }

    /// <summary>Regular-mode variable update and bias correction (A.6.1, A.6.2).</summary>
    public void Update(int q, int errval, int near2p1, int reset)
    {
        var b = B[q] + errval * near2p1;
        var a = A[q] + (errval < 0 ? -errval : errval);
        var n = N[q];
        if (n == reset)
        {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }
        n++;
        A[q] = a;
        if (b <= -n)
        {
            b += n;
            if (C[q] > -128)
                C[q]--;
            if (b <= -n)
                b = -n + 1;
        }
        else if (b > 0)
        {
            b -= n;
            if (C[q] < 127)
                C[q]++;
            if (b > 0)
                b = 0;
        }
        B[q] = b;
        N[q] = n;
    }

    /// <summary>Run-interruption variable update (A.7.2.2).</summary>
    public void UpdateRunInterruption(int q, int errval, int emErrval, int riType, int reset)
    {
        if (errval < 0)
            Nn[q]++;
        A[q] += (emErrval + 1 - riType) >> 1;
        if (N[q] == reset)
        {
            A[q] >>= 1;
            N[q] >>= 1;
            Nn[q] >>= 1;
        }
        N[q]++;
    }
}
