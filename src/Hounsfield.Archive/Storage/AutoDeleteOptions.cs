using System.Globalization;

namespace Hounsfield.Archive.Storage;

/// <summary>
/// Auto delete of the online storage (as Carestream's): checked every <see cref="Interval"/>, it
/// runs only when free space has fallen into the red zone, and then removes the least recently
/// used studies until free space is back in the green zone.
/// </summary>
public sealed class AutoDeleteOptions
{
    /// <summary>Whether auto delete runs at all (default off).</summary>
    public bool Enabled { get; set; }

    /// <summary>Free space at or under which deletion starts: bytes (suffix K, M, G, T allowed) or a percentage of the volume ("5%", the default).</summary>
    public string RedZone { get; set; } = "5%";

    /// <summary>Free space deletion stops at: bytes or a percentage ("10%", the default).</summary>
    public string GreenZone { get; set; } = "10%";

    /// <summary>How often free space is checked (default 5 minutes).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A study stored into more recently than this is never deleted: an association may still be
    /// sending it (default 10 minutes). This covers every server sharing the index; the server's
    /// own open associations keep their studies however long they last (<see cref="StudiesBeingStored"/>).
    /// </summary>
    public TimeSpan StoringGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The bytes a threshold stands for on a volume of <paramref name="totalBytes"/>.</summary>
    public static long Bytes(string threshold, long totalBytes)
    {
        var text = threshold.Trim();
        if (text.EndsWith('%'))
            return (long)(totalBytes * double.Parse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture) / 100);
        var unit = char.ToUpperInvariant(text.Length > 0 ? text[^1] : ' ') switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 1L,
        };
        if (unit > 1) text = text[..^1];
        return (long)(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) * unit);
    }
}
