namespace Hounsfield.Dicom;

/// <summary>
/// Encodes text in an ISO 2022 profile with few escape sequences: a character stays in the set
/// currently designated if that set has it; otherwise the first declared set that has it is
/// designated. Before each reset character (and at the end of the value) G0 returns to the initial
/// set, and after it the encoder assumes the initial G0 and G1 again, as PS3.5 §6.1.2.5.3 requires,
/// so each PN component re-designates what it uses (PS3.5 Annexes H, I, K).
/// </summary>
internal static class Iso2022Encoder
{
    private const byte Question = (byte)'?';

    /// <summary>
    /// Worst case per UTF-16 unit: a 4-byte designation plus 2 bytes, or a 3-byte return to the
    /// initial G0 plus a delimiter or SPACE; then one final 3-byte return.
    /// </summary>
    public static int GetMaxByteCount(int charCount, Iso2022Profile profile) =>
        profile.CodeExtensions ? charCount * 6 + 3 : charCount;

    /// <param name="text">The whole value.</param>
    /// <param name="profile">The character set.</param>
    /// <param name="vr">The VR, which decides the reset characters.</param>
    /// <param name="lossy">True when some character could not be represented and was written as '?' (or, in Romaji, as a byte that reads back differently).</param>
    public static byte[] Encode(string text, Iso2022Profile profile, DicomVR vr, out bool lossy)
    {
        var multiValued = vr.IsMultiValuedString();
        var personName = vr == DicomVR.PN;
        lossy = false;

        var output = new ByteBuilder(GetMaxByteCount(text.Length, profile));
        try
        {
            CodeElement g0 = profile.InitialG0;
            var g1 = profile.EncoderInitialG1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (Iso2022Profile.IsReset(c, multiValued, personName))
                {
                    if (g0 != profile.InitialG0) output.Append(profile.InitialG0.Designation);
                    output.Append((byte)c);
                    g0 = profile.InitialG0;
                    g1 = profile.EncoderInitialG1;
                    continue;
                }

                if (c < 0x80)
                {
                    if (c < 0x20 || c == 0x7F)
                    {
                        output.Append((byte)c);
                        continue;
                    }
                    if (c == ' ')
                    {
                        // PS3.5 H.2 lets SPACE stand inside a multi-byte run, and the decoder accepts
                        // that, but common ISO-2022-JP decoders (Python's codecs, hence pydicom) reject
                        // it; three bytes each way buy files every reader can read.
                        if (g0.IsDoubleByte)
                        {
                            output.Append(profile.InitialG0.Designation);
                            g0 = profile.InitialG0;
                        }
                        output.Append((byte)' ');
                        continue;
                    }
                    if (g0 is SingleByteCodeElement narrow && narrow.TryEncode(c, out var position))
                    {
                        output.Append(position);
                        continue;
                    }
                    var target = profile.InitialG0;
                    if (!target.TryEncode(c, out _))
                    {
                        // Romaji has no '\' or '~'. Use ISO-IR 6 when declared; otherwise write the
                        // ASCII byte as any ASCII-only encoder would, though it reads back as YEN SIGN or OVERLINE.
                        if (profile.CanDesignateAscii) target = CodeElements.Ascii;
                        else lossy = true;
                    }
                    if (g0 != target) output.Append(target.Designation);
                    g0 = target;
                    output.Append((byte)c);
                    continue;
                }

                if (c < 0xA0)
                {
                    // C1 controls: the decoder passes bytes 0x80-0x9F through as these code points.
                    output.Append((byte)c);
                    continue;
                }

                if (g1 is not null && TryMap(g1, c, multiValued, out var mapped))
                {
                    Write(mapped, CodeSlot.G1, ref output);
                    continue;
                }
                if (TryMap(g0, c, multiValued, out mapped))
                {
                    Write(mapped, CodeSlot.G0, ref output);
                    continue;
                }
                if (profile.CodeExtensions && TryDesignate(profile, c, multiValued, ref g0, ref g1, ref output)) continue;

                lossy = true;
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                if (g0.IsDoubleByte)
                {
                    output.Append(profile.InitialG0.Designation);
                    g0 = profile.InitialG0;
                }
                output.Append(Question);
            }
            if (g0 != profile.InitialG0) output.Append(profile.InitialG0.Designation);
            return output.ToArray();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>Designates the first declared set that has the character and writes it.</summary>
    private static bool TryDesignate(Iso2022Profile profile, char c, bool multiValued, ref CodeElement g0, ref CodeElement? g1, ref ByteBuilder output)
    {
        foreach (var candidate in profile.Candidates)
        {
            if (candidate == g0 || candidate == g1) continue;
            if (!TryMap(candidate, c, multiValued, out var mapped)) continue;
            output.Append(candidate.Designation);
            if (candidate.Slot == CodeSlot.G0) g0 = candidate;
            else g1 = candidate;
            Write(mapped, candidate.Slot, ref output);
            return true;
        }
        return false;
    }

    /// <summary>The character's 7-bit position(s) in a set: one byte, or two for the 94x94 sets.</summary>
    private readonly record struct Mapped(byte First, byte Second, bool IsDoubleByte);

    private static bool TryMap(CodeElement element, char c, bool multiValued, out Mapped mapped)
    {
        switch (element)
        {
            case SingleByteCodeElement narrow when narrow.TryEncode(c, out var position) && !IsHiddenDelimiter(narrow, position, multiValued):
                mapped = new Mapped(position, 0, false);
                return true;
            case DoubleByteCodeElement wide when wide.TryEncode(c, out var first, out var second):
                mapped = new Mapped(first, second, true);
                return true;
            default:
                mapped = default;
                return false;
        }
    }

    private static void Write(Mapped mapped, CodeSlot slot, ref ByteBuilder output)
    {
        var high = slot == CodeSlot.G1 ? (byte)0x80 : (byte)0;
        output.Append((byte)(mapped.First | high));
        if (mapped.IsDoubleByte) output.Append((byte)(mapped.Second | high));
    }

    /// <summary>
    /// YEN SIGN sits at 05/12 in Romaji, which between values of a multi-valued VR is the delimiter
    /// (PS3.5 H.1.1 Note 3), so there it cannot be written.
    /// </summary>
    private static bool IsHiddenDelimiter(SingleByteCodeElement element, byte position, bool multiValued) =>
        multiValued && element.CarriesDelimiters && position == (byte)'\\';
}
