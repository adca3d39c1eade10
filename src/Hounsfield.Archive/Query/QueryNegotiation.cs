using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.UpperLayer;

namespace Hounsfield.Archive.Query;

/// <summary>
/// SOP Class Extended Negotiation of the Query/Retrieve service (PS3.4 C.5.1.1, C.5.2.1, C.5.3.1):
/// what the SCU asked for and what we agreed to. FIND: relational queries (byte 1), combined
/// date-time matching (byte 2), fuzzy semantic matching of person names (byte 3), timezone query
/// adjustment (byte 4, not supported); MOVE and GET: relational retrieval (byte 1), enhanced
/// multi-frame image conversion (byte 2, not supported).
/// </summary>
public sealed record QueryNegotiation(bool Relational, bool DateTimeMatching, bool FuzzyPersonNames)
{
    /// <summary>What was agreed when the SCU sent no extended negotiation: hierarchical, separate date and time, literal names.</summary>
    public static QueryNegotiation None { get; } = new(false, false, false);

    /// <summary>Our reply to one SOP Class Extended Negotiation sub-item, or null for a SOP class that is not ours.</summary>
    public static byte[]? Respond(SopClassExtendedNegotiation asked)
    {
        var info = asked.ServiceClassApplicationInformation;
        var supported = DicomQuery.FindSopClasses.ContainsKey(asked.SopClassUid) ? new[] { true, true, true, false }
            : DicomQuery.MoveSopClasses.ContainsKey(asked.SopClassUid) || DicomQuery.GetSopClasses.ContainsKey(asked.SopClassUid) ? new[] { true, false }
            : null;
        if (supported is null) return null;
        var reply = new byte[Math.Min(info.Length, supported.Length)];
        for (var i = 0; i < reply.Length; i++) reply[i] = (byte)(supported[i] && info[i] == 1 ? 1 : 0);
        return reply;
    }

    /// <summary>What was agreed on <paramref name="association"/> for <paramref name="sopClassUid"/>.</summary>
    public static QueryNegotiation Of(Association association, string sopClassUid)
    {
        var agreed = association.Accept.UserInformation.ExtendedNegotiations.FirstOrDefault(e => e.SopClassUid == sopClassUid);
        if (agreed is null) return None;
        bool Flag(int i) => agreed.ServiceClassApplicationInformation.Length > i && agreed.ServiceClassApplicationInformation[i] == 1;
        return new QueryNegotiation(Flag(0), DicomQuery.FindSopClasses.ContainsKey(sopClassUid) && Flag(1), DicomQuery.FindSopClasses.ContainsKey(sopClassUid) && Flag(2));
    }

    /// <summary>The date and time keys matched as one date-time range when <see cref="DateTimeMatching"/> was agreed (C.2.2.2.5.4).</summary>
    public static IReadOnlyDictionary<DicomTag, DicomTag> DateTimePairs { get; } = new Dictionary<DicomTag, DicomTag>
    {
        [DicomTag.StudyDate] = DicomTag.StudyTime,
        [DicomTag.SeriesDate] = DicomTag.SeriesTime,
        [DicomTag.AcquisitionDate] = DicomTag.AcquisitionTime,
        [DicomTag.ContentDate] = DicomTag.ContentTime,
        [DicomTag.PatientBirthDate] = DicomTag.PatientBirthTime,
    };
}
