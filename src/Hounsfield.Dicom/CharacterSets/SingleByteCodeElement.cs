using System.Text;

namespace Hounsfield.Dicom;

/// <summary>
/// A 94- or 96-character single-byte set. Decoding is a table lookup by 7-bit position; encoding
/// a dictionary lookup. Tables are built once from the .NET code page so that they match it exactly.
/// </summary>
internal sealed class SingleByteCodeElement : CodeElement
{
    private readonly char[] _characters;
    private readonly Dictionary<char, byte> _positions;

    private SingleByteCodeElement(string registration, CodeSlot slot, byte[] designation, char[] characters, bool carriesDelimiters)
        : base(registration, slot, designation)
    {
        _characters = characters;
        CarriesDelimiters = carriesDelimiters;
        _positions = new Dictionary<char, byte>(96);
        for (var position = 0; position < 128; position++)
        {
            var c = characters[position];
            if (c != CodePages.ReplacementCharacter) _positions.TryAdd(c, (byte)position);
        }
    }

    public override bool IsDoubleByte => false;

    /// <summary>
    /// True for ISO-IR 6 and ISO-IR 14 (JIS X 0201 Romaji), the G0 sets in which the DICOM delimiters
    /// '\', '^' and '=' are recognised; a delimiter byte in any other set is an ordinary character.
    /// </summary>
    public bool CarriesDelimiters { get; }

    /// <summary>The character at a position (the byte with its high bit ignored), or U+FFFD outside the set.</summary>
    public char Decode(byte b) => _characters[b & 0x7F];

    /// <summary>The 7-bit position of a character in this set.</summary>
    public bool TryEncode(char c, out byte position) => _positions.TryGetValue(c, out position);

    /// <summary>ISO-IR 6, the DICOM default repertoire (ASCII graphics 0x21-0x7E).</summary>
    public static SingleByteCodeElement CreateAscii()
    {
        var table = EmptyTable();
        for (var p = 0x21; p <= 0x7E; p++) table[p] = (char)p;
        return new SingleByteCodeElement("ISO-IR 6", CodeSlot.G0, [0x1B, (byte)'(', (byte)'B'], table, carriesDelimiters: true);
    }

    /// <summary>
    /// ISO-IR 14, JIS X 0201 Romaji: ASCII except 05/12 YEN SIGN and 07/14 OVERLINE (PS3.5 H.1.1).
    /// Where 05/12 is the value delimiter the decoder overrides it back to '\'.
    /// </summary>
    public static SingleByteCodeElement CreateJisRoman()
    {
        var table = EmptyTable();
        for (var p = 0x21; p <= 0x7E; p++) table[p] = (char)p;
        table[0x5C] = '\u00A5';
        table[0x7E] = '\u203E';
        return new SingleByteCodeElement("ISO-IR 14", CodeSlot.G0, [0x1B, (byte)'(', (byte)'J'], table, carriesDelimiters: true);
    }

    /// <summary>ISO-IR 13, JIS X 0201 Katakana: positions 0x21-0x5F are the halfwidth katakana U+FF61-U+FF9F.</summary>
    public static SingleByteCodeElement CreateJisKatakana()
    {
        var table = EmptyTable();
        for (var p = 0x21; p <= 0x5F; p++) table[p] = (char)(0xFF61 + p - 0x21);
        return new SingleByteCodeElement("ISO-IR 13", CodeSlot.G1, [0x1B, (byte)')', (byte)'I'], table, carriesDelimiters: false);
    }

    /// <summary>
    /// A 96-character G1 set (the right half of an ISO 8859 part, or TIS 620), read from the code page
    /// at bytes 0xA0-0xFF. Bytes the code page cannot decode stay U+FFFD.
    /// </summary>
    public static SingleByteCodeElement CreateFromCodePage(string registration, char finalByte, int codePage, bool is96Set = true)
    {
        var table = EmptyTable();
        var encoding = codePage == CodePages.Latin1 ? Encoding.Latin1 : CodePages.Get(codePage);
        Span<byte> one = stackalloc byte[1];
        Span<char> decoded = stackalloc char[4];
        for (var p = is96Set ? 0x20 : 0x21; p <= (is96Set ? 0x7F : 0x7E); p++)
        {
            one[0] = (byte)(p | 0x80);
            if (encoding.GetChars(one, decoded) == 1) table[p] = decoded[0];
        }
        return new SingleByteCodeElement(registration, CodeSlot.G1, [0x1B, (byte)'-', (byte)finalByte], table, carriesDelimiters: false);
    }

    private static char[] EmptyTable()
    {
        var table = new char[128];
        Array.Fill(table, CodePages.ReplacementCharacter);
        return table;
    }
}
