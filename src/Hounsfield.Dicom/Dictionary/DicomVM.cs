namespace Hounsfield.Dicom;

/// <summary>
/// A Value Multiplicity from PS3.6: a minimum, a maximum (or unbounded) and a step, as in
/// "1", "1-3", "1-n", "2-2n".
/// </summary>
public readonly record struct DicomVM(int Minimum, int Maximum, int Step)
{
    /// <summary>Maximum used when the multiplicity is unbounded ("n").</summary>
    public const int Unbounded = int.MaxValue;

    /// <summary>VM 1.</summary>
    public static readonly DicomVM One = new(1, 1, 1);

    /// <summary>True when <paramref name="count"/> values satisfy this multiplicity.</summary>
    public bool Allows(int count) =>
        count >= Minimum && count <= Maximum && (Step <= 1 || (count - Minimum) % Step == 0 || count % Step == 0);

    /// <summary>Parses the PS3.6 notation ("1", "1-n", "2-2n", "1-n or 1"); unknown text yields 1-n.</summary>
    public static DicomVM Parse(string text)
    {
        if (text == "1") return One;
        var or = text.IndexOf(" or ", StringComparison.Ordinal);
        var s = (or >= 0 ? text[..or] : text).Trim();
        if (s.Length == 0) return new DicomVM(1, Unbounded, 1);
        var dash = s.IndexOf('-');
        if (dash < 0) return int.TryParse(s, out var n) ? new DicomVM(n, n, 1) : new DicomVM(1, Unbounded, 1);
        _ = int.TryParse(s[..dash], out var min);
        var max = s[(dash + 1)..];
        if (!max.EndsWith('n')) return new DicomVM(min, int.TryParse(max, out var m) ? m : Unbounded, 1);
        var step = max.Length > 1 && int.TryParse(max[..^1], out var k) ? k : 1;
        return new DicomVM(min, Unbounded, step);
    }

    /// <summary>The PS3.6 notation.</summary>
    public override string ToString() =>
        Maximum == Unbounded ? $"{Minimum}-{(Step > 1 ? Step.ToString() : "")}n"
        : Minimum == Maximum ? Minimum.ToString() : $"{Minimum}-{Maximum}";
}
