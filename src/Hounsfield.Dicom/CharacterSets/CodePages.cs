using System.Collections.Concurrent;
using System.Text;

namespace Hounsfield.Dicom;

/// <summary>How an encoding obtained from <see cref="CodePages"/> treats characters it cannot encode.</summary>
internal enum UnmappableCharacters
{
    /// <summary>Produce no bytes, so a per-character probe sees a zero count and can try another set.</summary>
    Omit,
    /// <summary>Produce '?', for whole-string encoders that must not drop characters silently.</summary>
    Question,
    /// <summary>Throw, for the rare callers that only need a yes/no answer.</summary>
    Throw,
}

/// <summary>
/// The .NET encodings behind the character sets. Code pages come straight from
/// <see cref="CodePagesEncodingProvider.Instance"/> rather than through
/// <see cref="Encoding.RegisterProvider"/>: asking the provider directly gives the same encodings
/// without changing process-wide behaviour of <see cref="Encoding.GetEncoding(int)"/> for the host
/// application, and it works with InvariantGlobalization on.
/// </summary>
internal static class CodePages
{
    public const int Utf8 = 65001;
    public const int Latin1 = 28591;
    /// <summary>Windows "EUC-JP" with JIS X 0212 as (row | 0x80, cell); 51932 lacks JIS X 0212.</summary>
    public const int EucJp = 20932;
    /// <summary>Unified Hangul Code, a superset of EUC-KR, so GR pairs of KS X 1001 decode as is.</summary>
    public const int Korean = 949;
    /// <summary>GBK, a superset of EUC-CN, so GR pairs of GB 2312 decode as is.</summary>
    public const int Gbk = 936;
    public const int Gb18030 = 54936;

    public const char ReplacementCharacter = '\uFFFD';

    private static readonly ConcurrentDictionary<(int, UnmappableCharacters), Encoding> Cache = new();

    /// <summary>
    /// The encoding for a code page. Decoding always replaces invalid bytes with U+FFFD so that
    /// malformed values decode without throwing.
    /// </summary>
    public static Encoding Get(int codePage, UnmappableCharacters unmappable = UnmappableCharacters.Question) =>
        Cache.GetOrAdd((codePage, unmappable), static key => Create(key.Item1, key.Item2));

    private static Encoding Create(int codePage, UnmappableCharacters unmappable)
    {
        EncoderFallback encoderFallback = unmappable switch
        {
            UnmappableCharacters.Omit => new EncoderReplacementFallback(string.Empty),
            UnmappableCharacters.Throw => EncoderFallback.ExceptionFallback,
            _ => new EncoderReplacementFallback("?"),
        };
        var decoderFallback = new DecoderReplacementFallback(ReplacementCharacter.ToString());
        return codePage switch
        {
            Utf8 => Encoding.GetEncoding(Utf8, encoderFallback, decoderFallback),
            Latin1 => Encoding.GetEncoding(Latin1, encoderFallback, decoderFallback),
            _ => CodePagesEncodingProvider.Instance.GetEncoding(codePage, encoderFallback, decoderFallback)
                ?? throw new InvalidOperationException($"Code page {codePage} is not available."),
        };
    }
}
