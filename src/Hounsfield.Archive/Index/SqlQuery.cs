using System.Runtime.CompilerServices;
using System.Text;
using Hounsfield.Archive.Coercion;
using Hounsfield.Archive.Query;
using Hounsfield.Dicom;
using System.Data.Common;

namespace Hounsfield.Archive.Index;

/// <summary>
/// Runs a C-FIND against the index: SQL narrows the candidates with the keys that map to
/// indexed columns (never excluding a true match), then every key is matched exactly in memory
/// against the level's stored attributes merged with its ancestors'.
/// </summary>
internal sealed class SqlQuery(SqlDialect dialect, DicomQuery query, QueryOptions options, bool forRetrieve = false)
{
    private int _blobColumns;
    private readonly List<string> _where = [];
    private readonly List<object> _args = [];
    private readonly AttributeMatcher _matcher = new(options.CaseInsensitivePersonNames, options.CombinedDateTime ? QueryNegotiation.DateTimePairs : null);

    // Derived attributes are counted on a second connection while the first streams the matches
    // (PostgreSQL runs one command at a time per connection).
    private readonly LazyConnection _derived = new(dialect);

    public async IAsyncEnumerable<DicomDataset> RunAsync(DbConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = BuildSql();
        for (var i = 0; i < _args.Count; i++) dialect.AddParameter(command, i + 1, _args[i]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var returned = 0;
        await using var derived = _derived;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await MatchAsync(reader, cancellationToken).ConfigureAwait(false) is not { } merged) continue;
            yield return QueryResponseBuilder.Build(query, merged, options);
            if (options.MaxResults > 0 && ++returned >= options.MaxResults) yield break;
        }
    }

    /// <summary>The instances below the matches (for C-MOVE and C-GET): the query run at IMAGE level.</summary>
    public async IAsyncEnumerable<(StoredInstance Instance, long StudyId)> RunInstancesAsync(DbConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = BuildSql();
        for (var i = 0; i < _args.Count; i++) dialect.AddParameter(command, i + 1, _args[i]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var derived = _derived;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await MatchAsync(reader, cancellationToken).ConfigureAwait(false) is null) continue;
            var at = 1 + _blobColumns;
            yield return (new StoredInstance(reader.GetString(at), reader.GetString(at + 1), reader.GetString(at + 2), reader.GetString(at + 3)), reader.GetInt64(at + 4));
        }
    }

    private async Task<DicomDataset?> MatchAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var merged = Merge(reader);
        await AddDerivedAsync(reader.GetInt64(0), merged, cancellationToken).ConfigureAwait(false);
        return _matcher.Matches(query.Identifier, merged, Unmatchable) ? merged : null;
    }

    private static readonly DicomTag[] DerivedKeys =
    [
        DicomTag.NumberOfPatientRelatedStudies, DicomTag.NumberOfPatientRelatedSeries, DicomTag.NumberOfPatientRelatedInstances,
        DicomTag.NumberOfStudyRelatedSeries, DicomTag.NumberOfStudyRelatedInstances, DicomTag.ModalitiesInStudy,
        DicomTag.SOPClassesInStudy, DicomTag.NumberOfSeriesRelatedInstances,
    ];

    // Keys answered by the SCP itself rather than matched.
    private static readonly HashSet<DicomTag> Unmatchable = [DicomTag.RetrieveAETitle, DicomTag.InstanceAvailability];

    private string BuildSql()
    {
        var (select, from) = query.Level switch
        {
            QueryLevel.Patient => ("p.id, p.attributes", "patients p"),
            QueryLevel.Study => ("st.id, st.attributes, p.attributes", "studies st JOIN patients p ON p.id = st.patient_fk"),
            QueryLevel.Series => ("se.id, se.attributes, st.attributes, p.attributes",
                "series se JOIN studies st ON st.id = se.study_fk JOIN patients p ON p.id = st.patient_fk"),
            _ => ("i.id, i.attributes, se.attributes, st.attributes, p.attributes",
                "instances i JOIN series se ON se.id = i.series_fk JOIN studies st ON st.id = se.study_fk JOIN patients p ON p.id = st.patient_fk"),
        };
        _blobColumns = select.Split(',').Length - 1;
        if (forRetrieve) select += ", i.sop_class_uid, i.sop_instance_uid, i.transfer_syntax, i.path, st.id";
        Equal("p.patient_id", query.SingleValue(DicomTag.PatientID));
        PersonName(query.Identifier.GetString(DicomTag.PatientName));
        if (query.Level >= QueryLevel.Study)
        {
            In("st.study_uid", query.UidList(DicomTag.StudyInstanceUID));
            Equal("st.accession_number", query.SingleValue(DicomTag.AccessionNumber));
            Equal("st.study_id", query.SingleValue(DicomTag.StudyID));
            DateRange("st.study_date", query.Identifier.GetString(DicomTag.StudyDate));
        }
        if (query.Level == QueryLevel.Study && query.SingleValue(DicomTag.ModalitiesInStudy) is { } modality)
            Add("EXISTS (SELECT 1 FROM series m WHERE m.study_fk = st.id AND m.modality = $)", modality);
        if (query.Level >= QueryLevel.Series)
        {
            In("se.series_uid", query.UidList(DicomTag.SeriesInstanceUID));
            Equal("se.modality", query.SingleValue(DicomTag.Modality));
        }
        if (query.Level == QueryLevel.Image)
        {
            In("i.sop_instance_uid", query.UidList(DicomTag.SOPInstanceUID));
            In("i.sop_class_uid", query.UidList(DicomTag.SOPClassUID));
        }
        var sql = new StringBuilder($"SELECT {select} FROM {from}");
        if (_where.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", _where);
        return sql.Append(" ORDER BY 1").ToString();
    }

    // Each bare '$' in the condition becomes the next numbered parameter.
    private void Add(string condition, params object[] values)
    {
        var text = new StringBuilder();
        var next = 0;
        foreach (var c in condition)
        {
            if (c != '$' || next >= values.Length)
            {
                text.Append(c);
                continue;
            }
            _args.Add(values[next++]);
            text.Append('$').Append(_args.Count);
        }
        _where.Add(text.ToString());
    }

    private void Equal(string column, string? value)
    {
        if (value is not null) Add($"{column} = $", value);
    }

    private void In(string column, string[]? values)
    {
        if (values is null || values.Length > 500) return;
        var placeholders = new List<string>();
        foreach (var value in values)
        {
            _args.Add(value);
            placeholders.Add("$" + _args.Count);
        }
        _where.Add($"{column} IN ({string.Join(", ", placeholders)})");
    }

    // A LIKE with a leading '%' (any component group) is a superset of what the matcher accepts: on
    // the name, ignoring ASCII case, for an ASCII pattern; on the stored key of the name for fuzzy matching.
    private void PersonName(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern == "*" || pattern.Contains('=')) return;
        if (options.CaseInsensitivePersonNames) Like("p.patient_name_key", "LIKE", FuzzySemanticMatching.Key(pattern));
        else if (System.Text.Ascii.IsValid(pattern)) Like("p.patient_name", dialect.CaseInsensitiveLike, pattern);
    }

    private void Like(string column, string operation, string pattern)
    {
        var like = new StringBuilder("%");
        foreach (var c in pattern.TrimEnd(' '))
            like.Append(c switch { '*' => "%", '?' => "_", '%' => "\\%", '_' => "\\_", '\\' => "\\\\", _ => c.ToString() });
        Add($"{column} {operation} $ ESCAPE '\\'", like.Append('%').ToString());
    }

    private void DateRange(string column, string? value)
    {
        if (string.IsNullOrEmpty(value) || Wildcard.HasWildcards(value)) return;
        var dash = value.IndexOf('-');
        if (dash < 0)
        {
            if (value.Length == 8) Add($"{column} = $", value);
            return;
        }
        var low = value[..dash].Trim();
        var high = value[(dash + 1)..].Trim();
        if (low.Length == 8) Add($"{column} >= $", low);
        if (high.Length == 8) Add($"{column} <= $", high);
    }

    private DicomDataset Merge(DbDataReader reader)
    {
        var merged = new DicomDataset();
        for (var column = _blobColumns; column >= 1; column--)
        {
            if (reader.IsDBNull(column)) continue;
            var level = LevelAttributes.Decode((byte[])reader.GetValue(column));
            // Levels stored from instances in different character sets meet in one data set as UTF-8.
            CharacterSetConversion.ToUtf8(level);
            foreach (var element in level) merged.CopyFrom(level, element.Tag);
        }
        return merged;
    }

    // Derived attributes (PS3.4 C.6.1.1): computed only when the identifier asks for them.
    private async Task AddDerivedAsync(long id, DicomDataset merged, CancellationToken cancellationToken)
    {
        var keys = query.Identifier;
        if (!DerivedKeys.Any(keys.Contains)) return;
        var connection = await _derived.OpenAsync(cancellationToken).ConfigureAwait(false);
        async Task Count(DicomTag tag, string sql)
        {
            if (!keys.Contains(tag)) return;
            merged.Set(tag, DicomVR.IS, (await ScalarAsync(dialect, connection, sql, id, cancellationToken).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        switch (query.Level)
        {
            case QueryLevel.Patient:
                await Count(DicomTag.NumberOfPatientRelatedStudies, "SELECT COUNT(*) FROM studies WHERE patient_fk = $1").ConfigureAwait(false);
                await Count(DicomTag.NumberOfPatientRelatedSeries, "SELECT COUNT(*) FROM series se JOIN studies st ON st.id = se.study_fk WHERE st.patient_fk = $1").ConfigureAwait(false);
                await Count(DicomTag.NumberOfPatientRelatedInstances, "SELECT COUNT(*) FROM instances i JOIN series se ON se.id = i.series_fk JOIN studies st ON st.id = se.study_fk WHERE st.patient_fk = $1").ConfigureAwait(false);
                break;
            case QueryLevel.Study:
                await Count(DicomTag.NumberOfStudyRelatedSeries, "SELECT COUNT(*) FROM series WHERE study_fk = $1").ConfigureAwait(false);
                await Count(DicomTag.NumberOfStudyRelatedInstances, "SELECT COUNT(*) FROM instances i JOIN series se ON se.id = i.series_fk WHERE se.study_fk = $1").ConfigureAwait(false);
                if (keys.Contains(DicomTag.ModalitiesInStudy))
                    merged.Set(DicomTag.ModalitiesInStudy, DicomVR.CS, await DistinctAsync(dialect, connection, "SELECT DISTINCT modality FROM series WHERE study_fk = $1 AND modality <> '' ORDER BY 1", id, cancellationToken).ConfigureAwait(false));
                if (keys.Contains(DicomTag.SOPClassesInStudy))
                    merged.Set(DicomTag.SOPClassesInStudy, DicomVR.UI, await DistinctAsync(dialect, connection, "SELECT DISTINCT i.sop_class_uid FROM instances i JOIN series se ON se.id = i.series_fk WHERE se.study_fk = $1 ORDER BY 1", id, cancellationToken).ConfigureAwait(false));
                break;
            case QueryLevel.Series:
                await Count(DicomTag.NumberOfSeriesRelatedInstances, "SELECT COUNT(*) FROM instances WHERE series_fk = $1").ConfigureAwait(false);
                break;
        }
    }

    private static async Task<long> ScalarAsync(SqlDialect dialect, DbConnection connection, string sql, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        dialect.AddParameter(command, 1, id);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<string[]> DistinctAsync(SqlDialect dialect, DbConnection connection, string sql, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        dialect.AddParameter(command, 1, id);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) values.Add(reader.GetString(0));
        return [.. values];
    }
}
