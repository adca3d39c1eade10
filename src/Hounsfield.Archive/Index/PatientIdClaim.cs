namespace Hounsfield.Archive.Index;

/// <summary>
/// A Patient ID decision of Patient ID coercion, recorded in the index so that every server sharing it
/// agrees: <paramref name="PatientId"/> is the ID of the patient with this name and birth date, who
/// arrived with <paramref name="OriginalId"/> (the same ID, or the one it was made unique from).
/// </summary>
/// <param name="PatientId">The ID the patient's instances are stored with.</param>
/// <param name="OriginalId">The Patient ID the instances arrived with.</param>
/// <param name="PatientName">Patient's Name, trimmed.</param>
/// <param name="BirthDate">Patient's Birth Date, trimmed.</param>
public sealed record PatientIdClaim(string PatientId, string OriginalId, string PatientName, string BirthDate)
{
    /// <summary>True when <paramref name="other"/> names the same patient (name and birth date).</summary>
    public bool IsSamePatient(PatientIdClaim other) => PatientName == other.PatientName && BirthDate == other.BirthDate;
}
