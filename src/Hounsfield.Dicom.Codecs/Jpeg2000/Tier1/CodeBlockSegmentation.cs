namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// Where codeword segments end (T.800 D.4.1, Table D.8; T.814 for HT). Tier-2 uses it to read the
/// per-segment lengths in packet headers (B.10.7.2) and to write them; both block coders agree with it.
/// </summary>
internal static class CodeBlockSegmentation
{
    /// <summary>
    /// True when coding pass <paramref name="passIndex"/> (0-based, counting from the first coded pass
    /// of the block, which is a cleanup pass) is the last pass of its codeword segment.
    /// </summary>
    /// <param name="style">The code-block style.</param>
    /// <param name="passIndex">0-based pass index.</param>
    public static bool EndsSegment(CodeBlockStyle style, int passIndex)
    {
        if ((style & CodeBlockStyle.HighThroughput) != 0)
            // T.814: an HT Cleanup pass is one segment, the SigProp and MagRef passes that follow share the next.
            return passIndex % 3 != 1;
        if ((style & CodeBlockStyle.TerminateEachPass) != 0)
            return true;
        if ((style & CodeBlockStyle.SelectiveBypass) != 0)
        {
            // Passes 0..9 (cleanup of the first 4 planes) form the first segment; afterwards each cleanup
            // pass is its own MQ segment and each SigProp+MagRef pair is one raw segment.
            if (passIndex < 9) return false;
            if (passIndex == 9) return true;
            return (passIndex - 10) % 3 != 0; // 10: SigProp (continues), 11: MagRef (ends), 12: Cleanup (ends)
        }
        return false;
    }
}
