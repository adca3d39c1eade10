using System.Buffers;
using System.Text;

namespace Hounsfield.Dicom;

/// <summary>
/// A 94x94 two-byte set (JIS X 0208, JIS X 0212, KS X 1001, GB 2312). No .NET code page speaks these
/// sets in ISO 2022 form with DICOM's designations, but each has an EUC-style code page in which a
/// character is its two 7-bit positions with high bits set; runs are converted to that form and
/// decoded in one call.
/// </summary>
internal sealed class DoubleByteCodeElement : CodeElement
{
    private readonly Encoding _decoding;
    private readonly Encoding _probe;
    private readonly bool _secondByteHigh;

    /// <param name="registration">ISO registration, e.g. "ISO-IR 87".</param>
    /// <param name="slot">The register DICOM designates the set into.</param>
    /// <param name="designation">The escape sequence for that register.</param>
    /// <param name="codePage">The EUC-style code page holding the set.</param>
    /// <param name="secondByteHigh">
    /// False for JIS X 0212, which code page 20932 holds as (row | 0x80, cell) with the second byte
    /// left in GL; true for the others, whose second byte also has its high bit set.
    /// </param>
    public DoubleByteCodeElement(string registration, CodeSlot slot, byte[] designation, int codePage, bool secondByteHigh)
        : base(registration, slot, designation)
    {
        _decoding = CodePages.Get(codePage);
        // An unmappable character yields no bytes, so probing a set costs no exception.
        _probe = CodePages.Get(codePage, UnmappableCharacters.Omit);
        _secondByteHigh = secondByteHigh;
    }

    public override bool IsDoubleByte => true;

    /// <summary>
    /// Decodes a run of bytes that all lie in the set's range (0x21-0x7E in GL or 0xA1-0xFE in GR).
    /// An odd final byte is half a character and becomes U+FFFD.
    /// </summary>
    public void Decode(ReadOnlySpan<byte> run, ref CharBuilder output)
    {
        var even = run.Length & ~1;
        if (even > 0)
        {
            byte[]? rented = null;
            Span<byte> scratch = even <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(even));
            scratch = scratch[..even];
            for (var i = 0; i < even; i += 2)
            {
                scratch[i] = (byte)(run[i] | 0x80);
                scratch[i + 1] = _secondByteHigh ? (byte)(run[i + 1] | 0x80) : (byte)(run[i + 1] & 0x7F);
            }
            var written = _decoding.GetChars(scratch, output.GetSpan(_decoding.GetMaxCharCount(even)));
            output.Advance(written);
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
        if (even != run.Length) output.Append(CodePages.ReplacementCharacter);
    }

    /// <summary>The two 7-bit positions of a character, or false when the set lacks it.</summary>
    public bool TryEncode(char c, out byte first, out byte second)
    {
        first = second = 0;
        Span<byte> bytes = stackalloc byte[8];
        var count = _probe.GetBytes(new ReadOnlySpan<char>(in c), bytes);
        // The code pages are supersets (UHC, GBK, the NEC/IBM rows of 20932) or hold a second set
        // (JIS X 0212 beside JIS X 0208); only the 94x94 block of this set is accepted.
        if (count != 2 || bytes[0] is < 0xA1 or > 0xFE) return false;
        var secondOk = _secondByteHigh ? bytes[1] is >= 0xA1 and <= 0xFE : bytes[1] is >= 0x21 and <= 0x7E;
        if (!secondOk) return false;
        first = (byte)(bytes[0] & 0x7F);
        second = (byte)(bytes[1] & 0x7F);
        return true;
    }
}
