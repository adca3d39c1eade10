using Hounsfield.Archive.Query;
using Hounsfield.Dicom;

namespace Hounsfield.Archive.Routing;

/// <summary>
/// An auto-routing rule: every condition that is set must hold (DICOM wildcards <c>*</c> and <c>?</c>
/// allowed, PS3.4 C.2.2.2.4); then the instance is queued for each destination.
/// </summary>
public sealed class RoutingRule
{
    /// <summary>A name for logs and the queue view.</summary>
    public string Name { get; set; } = "";

    /// <summary>The sender's AE title (Calling AE Title of the association).</summary>
    public string? CallingAETitle { get; set; }

    /// <summary>Our AE title as the sender addressed it (Called AE Title).</summary>
    public string? CalledAETitle { get; set; }

    /// <summary>Modality (0008,0060).</summary>
    public string? Modality { get; set; }

    /// <summary>SOP Class UID (0008,0016).</summary>
    public string? SopClassUid { get; set; }

    /// <summary>Further conditions written <c>Keyword=value</c> or <c>(gggg,eeee)=value</c>; an empty value matches an absent or empty attribute.</summary>
    public List<string> Attributes { get; set; } = [];

    /// <summary>AE titles (of <see cref="ArchiveOptions.Peers"/>) to send matching instances to.</summary>
    public List<string> Destinations { get; set; } = [];

    /// <summary>Transfer syntax UID to send in (transcoding when needed), or null for the destination's setting.</summary>
    public string? TransferSyntax { get; set; }

    /// <summary>True when every condition set on the rule holds for the instance.</summary>
    public bool Matches(string callingAETitle, string calledAETitle, DicomDataset dataset)
    {
        if (!Holds(CallingAETitle, callingAETitle) || !Holds(CalledAETitle, calledAETitle)) return false;
        if (!Holds(Modality, dataset.GetString(DicomTag.Modality)) || !Holds(SopClassUid, dataset.GetString(DicomTag.SOPClassUID))) return false;
        foreach (var condition in Attributes)
        {
            var (tag, pattern) = ParseCondition(condition);
            if (!Holds(pattern, dataset.GetString(tag), emptyMatchesAbsent: true)) return false;
        }
        return true;
    }

    /// <summary>Splits <c>Keyword=value</c> into the tag and the pattern.</summary>
    /// <exception cref="FormatException">No '=' or an unknown keyword.</exception>
    public static (DicomTag Tag, string Pattern) ParseCondition(string condition)
    {
        var equals = condition.IndexOf('=');
        if (equals <= 0) throw new FormatException($"routing condition '{condition}' is not Keyword=value");
        return (DicomTag.Parse(condition[..equals].Trim()), condition[(equals + 1)..]);
    }

    private static bool Holds(string? pattern, string? value, bool emptyMatchesAbsent = false)
    {
        if (pattern is null) return true;
        if (pattern.Length == 0) return emptyMatchesAbsent && string.IsNullOrEmpty(value);
        return value is not null && Wildcard.Matches(pattern, value.Trim());
    }
}
