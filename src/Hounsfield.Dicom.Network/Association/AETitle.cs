namespace Hounsfield.Dicom.Network;

/// <summary>AE title rules (PS3.5 Table 6.2-1 "AE", PS3.8 §9.3.2).</summary>
public static class AETitle
{
    /// <summary>
    /// Returns the title without leading/trailing spaces after checking it is 1–16 characters of
    /// printable ASCII without backslash, and not all spaces.
    /// </summary>
    public static string Validate(string title, string parameterName = "aeTitle")
    {
        ArgumentNullException.ThrowIfNull(title, parameterName);
        var trimmed = title.Trim(' ');
        if (trimmed.Length is 0 or > 16)
        {
            throw new ArgumentException($"AE title \"{title}\" must have 1 to 16 significant characters", parameterName);
        }
        foreach (var c in trimmed)
        {
            if (c < 0x20 || c > 0x7E || c == '\\')
            {
                throw new ArgumentException($"AE title \"{title}\" has a character outside printable ASCII or a backslash", parameterName);
            }
        }
        return trimmed;
    }
}
