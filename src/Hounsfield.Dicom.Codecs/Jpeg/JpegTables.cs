namespace Hounsfield.Dicom.Codecs.Jpeg;

/// <summary>Constant tables of T.81.</summary>
internal static class JpegTables
{
    // Fixed-point (13-bit) constants of the Loeffler–Ligtenberg–Moschytz 8-point DCT, shared by the
    // forward and inverse integer transforms.
    public const int ConstBits = 13;
    public const int F0298631336 = 2446;
    public const int F0390180644 = 3196;
    public const int F0541196100 = 4433;
    public const int F0765366865 = 6270;
    public const int F0899976223 = 7373;
    public const int F1175875602 = 9633;
    public const int F1501321110 = 12299;
    public const int F1847759065 = 15137;
    public const int F1961570560 = 16069;
    public const int F2053119869 = 16819;
    public const int F2562915447 = 20995;
    public const int F3072711026 = 25172;

    /// <summary>Natural (row-major) index of the k-th coefficient in zig-zag order (Figure A.6), padded for overruns.</summary>
    public static ReadOnlySpan<byte> ZigZag =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    ];

    /// <summary>Table K.1, luminance quantization, natural order.</summary>
    public static ReadOnlySpan<byte> LuminanceQuant =>
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>Table K.2, chrominance quantization, natural order.</summary>
    public static ReadOnlySpan<byte> ChrominanceQuant =>
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];
}
