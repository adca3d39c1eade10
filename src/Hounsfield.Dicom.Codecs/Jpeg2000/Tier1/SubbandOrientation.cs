namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier1;

/// <summary>
/// The orientation of the subband a code-block belongs to (T.800 Annex F). EBCOT's
/// significance contexts depend on it (Table D.1); the HT coder ignores it.
/// </summary>
internal enum SubbandOrientation : byte
{
    /// <summary>Lowpass both ways (only the lowest resolution has it).</summary>
    LL = 0,

    /// <summary>Highpass horizontally, lowpass vertically (vertical detail).</summary>
    HL = 1,

    /// <summary>Lowpass horizontally, highpass vertically (horizontal detail).</summary>
    LH = 2,

    /// <summary>Highpass both ways.</summary>
    HH = 3,
}
