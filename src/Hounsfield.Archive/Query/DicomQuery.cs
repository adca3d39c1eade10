using Hounsfield.Dicom;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Query;

/// <summary>The Query/Retrieve information models of PS3.4 C.6.</summary>
public enum QueryModel
{
    /// <summary>Patient Root: PATIENT, STUDY, SERIES, IMAGE.</summary>
    PatientRoot,
    /// <summary>Study Root: STUDY, SERIES, IMAGE.</summary>
    StudyRoot,
    /// <summary>Patient/Study Only (retired): PATIENT, STUDY.</summary>
    PatientStudyOnly,
}

/// <summary>A request's identifier, checked against its information model.</summary>
public sealed class DicomQuery
{
    private DicomQuery(QueryModel model, QueryLevel level, DicomDataset identifier)
    {
        Model = model;
        Level = level;
        Identifier = identifier;
    }

    /// <summary>The information model.</summary>
    public QueryModel Model { get; }

    /// <summary>Query/Retrieve Level (0008,0052).</summary>
    public QueryLevel Level { get; }

    /// <summary>The keys: matching keys with values, return keys empty.</summary>
    public DicomDataset Identifier { get; }

    /// <summary>The FIND SOP classes and their models.</summary>
    public static readonly IReadOnlyDictionary<string, QueryModel> FindSopClasses = new Dictionary<string, QueryModel>
    {
        [DicomUid.PatientRootQueryRetrieveInformationModelFind.Value] = QueryModel.PatientRoot,
        [DicomUid.StudyRootQueryRetrieveInformationModelFind.Value] = QueryModel.StudyRoot,
        ["1.2.840.10008.5.1.4.1.2.3.1"] = QueryModel.PatientStudyOnly,
    };

    /// <summary>Validates <paramref name="identifier"/> for <paramref name="model"/>.</summary>
    /// <exception cref="DicomQueryException">No or an unknown level, or a level the model lacks (A900H / C000H).</exception>
    public static DicomQuery Parse(QueryModel model, DicomDataset identifier)
    {
        var text = identifier.GetString(DicomTag.QueryRetrieveLevel)?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new DicomQueryException(DimseStatus.DataSetDoesNotMatchSopClass, "Query/Retrieve Level (0008,0052) is missing", DicomTag.QueryRetrieveLevel);
        QueryLevel level = text switch
        {
            "PATIENT" => QueryLevel.Patient,
            "STUDY" => QueryLevel.Study,
            "SERIES" => QueryLevel.Series,
            "IMAGE" => QueryLevel.Image,
            _ => throw new DicomQueryException(DimseStatus.DataSetDoesNotMatchSopClass, $"Query/Retrieve Level '{text}' is not PATIENT, STUDY, SERIES or IMAGE", DicomTag.QueryRetrieveLevel),
        };
        var allowed = model switch
        {
            QueryModel.StudyRoot => level != QueryLevel.Patient,
            QueryModel.PatientStudyOnly => level is QueryLevel.Patient or QueryLevel.Study,
            _ => true,
        };
        if (!allowed) throw new DicomQueryException(DimseStatus.DataSetDoesNotMatchSopClass, $"level {text} is not part of the {model} model", DicomTag.QueryRetrieveLevel);
        return new DicomQuery(model, level, identifier);
    }

    /// <summary>The same keys asked at IMAGE level: what a retrieve at this level moves.</summary>
    public DicomQuery AtImageLevel()
    {
        var keys = Identifier.Clone();
        keys.Set(DicomTag.QueryRetrieveLevel, "IMAGE");
        return new DicomQuery(Model, QueryLevel.Image, keys);
    }

    /// <summary>The MOVE and GET SOP classes and their models.</summary>
    public static readonly IReadOnlyDictionary<string, QueryModel> MoveSopClasses = new Dictionary<string, QueryModel>
    {
        [DicomUid.PatientRootQueryRetrieveInformationModelMove.Value] = QueryModel.PatientRoot,
        [DicomUid.StudyRootQueryRetrieveInformationModelMove.Value] = QueryModel.StudyRoot,
        ["1.2.840.10008.5.1.4.1.2.3.2"] = QueryModel.PatientStudyOnly,
    };

    /// <summary>The GET SOP classes and their models.</summary>
    public static readonly IReadOnlyDictionary<string, QueryModel> GetSopClasses = new Dictionary<string, QueryModel>
    {
        [DicomUid.PatientRootQueryRetrieveInformationModelGet.Value] = QueryModel.PatientRoot,
        [DicomUid.StudyRootQueryRetrieveInformationModelGet.Value] = QueryModel.StudyRoot,
        ["1.2.840.10008.5.1.4.1.2.3.3"] = QueryModel.PatientStudyOnly,
    };

    /// <summary>The value of a key when it is a single value without wildcards, else null.</summary>
    public string? SingleValue(DicomTag tag) => SingleValue(Identifier, tag);

    /// <summary>The value of key <paramref name="tag"/> of <paramref name="keys"/> when it is a single value without wildcards, else null.</summary>
    public static string? SingleValue(DicomDataset keys, DicomTag tag)
    {
        var value = keys.GetString(tag);
        return string.IsNullOrEmpty(value) || Wildcard.HasWildcards(value) || value.Contains('\\') ? null : value;
    }

    /// <summary>The values of a UID key (list of UID matching), or null when the key is absent or empty.</summary>
    public string[]? UidList(DicomTag tag) => Identifier.GetStrings(tag) is { Length: > 0 } uids && uids.All(u => u.Length > 0) ? uids : null;
}

/// <summary>A query the SCP refuses, with the status and comment to answer with.</summary>
public sealed class DicomQueryException(DimseStatus status, string message, DicomTag? offending = null) : Exception(message)
{
    /// <summary>The failure status.</summary>
    public DimseStatus Status { get; } = status;

    /// <summary>The attribute at fault, when there is one.</summary>
    public DicomTag? Offending { get; } = offending;
}
