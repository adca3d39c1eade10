namespace Hounsfield.Dicom;

/// <summary>
/// A Person Name (PN) value: up to three component groups (alphabetic, ideographic, phonetic)
/// separated by '=', each with five components separated by '^' (PS3.5 §6.2.1).
/// </summary>
public sealed record DicomPersonName
{
    /// <summary>The alphabetic (single-byte) representation.</summary>
    public PersonNameComponents Alphabetic { get; init; } = PersonNameComponents.Empty;

    /// <summary>The ideographic representation.</summary>
    public PersonNameComponents Ideographic { get; init; } = PersonNameComponents.Empty;

    /// <summary>The phonetic representation.</summary>
    public PersonNameComponents Phonetic { get; init; } = PersonNameComponents.Empty;

    /// <summary>Family name of the alphabetic group.</summary>
    public string FamilyName => Alphabetic.FamilyName;

    /// <summary>Given name of the alphabetic group.</summary>
    public string GivenName => Alphabetic.GivenName;

    /// <summary>Parses a PN value ("Yamada^Tarou=山田^太郎=やまだ^たろう").</summary>
    public static DicomPersonName Parse(string value)
    {
        var groups = value.Split('=');
        return new DicomPersonName
        {
            Alphabetic = PersonNameComponents.Parse(groups[0]),
            Ideographic = groups.Length > 1 ? PersonNameComponents.Parse(groups[1]) : PersonNameComponents.Empty,
            Phonetic = groups.Length > 2 ? PersonNameComponents.Parse(groups[2]) : PersonNameComponents.Empty,
        };
    }

    /// <summary>The PN encoding with trailing empty groups and components removed.</summary>
    public override string ToString()
    {
        var text = $"{Alphabetic}={Ideographic}={Phonetic}";
        return text.TrimEnd('=');
    }
}

/// <summary>The five components of one PN component group.</summary>
public sealed record PersonNameComponents(string FamilyName, string GivenName, string MiddleName, string NamePrefix, string NameSuffix)
{
    /// <summary>All components empty.</summary>
    public static readonly PersonNameComponents Empty = new("", "", "", "", "");

    /// <summary>Parses "Family^Given^Middle^Prefix^Suffix" (missing trailing components are empty).</summary>
    public static PersonNameComponents Parse(string group)
    {
        var c = group.Split('^');
        string At(int i) => i < c.Length ? c[i].Trim() : "";
        return new PersonNameComponents(At(0), At(1), At(2), At(3), At(4));
    }

    /// <summary>True when every component is empty.</summary>
    public bool IsEmpty => this == Empty;

    /// <summary>The components joined by '^' with trailing empty ones removed.</summary>
    public override string ToString() => $"{FamilyName}^{GivenName}^{MiddleName}^{NamePrefix}^{NameSuffix}".TrimEnd('^');
}
