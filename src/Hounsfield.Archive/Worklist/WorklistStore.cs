using System.Globalization;
using System.Runtime.CompilerServices;
using Hounsfield.Archive.Query;
using Hounsfield.Archive.Workflow;
using Hounsfield.Dicom;
using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Worklist;

/// <summary>
/// The worklist items in the workflow database: each the whole data set (Explicit VR Little Endian)
/// with the main keys in indexed columns, added, replaced and removed by <see cref="WorklistItemKey"/>.
/// Items past their expiry are neither listed nor matched, and are deleted on the next change.
/// </summary>
public sealed class WorklistStore
{
    private const string Schema = """
        CREATE TABLE worklist_items (
            item_key TEXT PRIMARY KEY,
            accession_number TEXT, requested_procedure_id TEXT, sps_id TEXT, study_uid TEXT,
            patient_id TEXT, patient_name TEXT, modality TEXT, station_ae TEXT, sps_start_date TEXT,
            sps_count INTEGER NOT NULL, expires_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, dataset BLOB NOT NULL);
        CREATE INDEX worklist_items_accession ON worklist_items (accession_number, sps_id);
        CREATE INDEX worklist_items_patient ON worklist_items (patient_id);
        CREATE INDEX worklist_items_date ON worklist_items (sps_start_date);
        CREATE INDEX worklist_items_expiry ON worklist_items (expires_at);
        """;

    private static readonly Dictionary<DicomTag, DicomTag> StartDateTime = new() { [DicomTag.ScheduledProcedureStepStartDate] = DicomTag.ScheduledProcedureStepStartTime };

    private readonly WorkflowDatabase _database;
    private readonly WorklistOptions _options;

    /// <summary>Uses (migrating) the worklist tables of <paramref name="database"/>.</summary>
    public WorklistStore(WorkflowDatabase database, WorklistOptions options)
    {
        _database = database;
        _options = options;
        database.Migrate("worklist-1", Schema);
    }

    /// <summary>The options the store was made with.</summary>
    public WorklistOptions Options => _options;

    /// <summary>
    /// Adds <paramref name="item"/>, replacing the item with the same key; a missing Study Instance UID is generated
    /// and a missing Scheduled Procedure Step Status set to SCHEDULED. Returns the key.
    /// </summary>
    public string AddOrReplace(DicomDataset item)
    {
        Prepare(item);
        var key = WorklistItemKey.Of(item);
        var step = WorklistItemKey.FirstStep(item);
        using var connection = _database.Open();
        DeleteExpired(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO worklist_items (item_key, accession_number, requested_procedure_id, sps_id, study_uid, patient_id,
                patient_name, modality, station_ae, sps_start_date, sps_count, expires_at, updated_at, dataset)
            VALUES ($key, $accession, $rpid, $spsid, $study, $pid, $name, $modality, $station, $date, $count, $expires, $now, $dataset)
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$accession", Column(item, DicomTag.AccessionNumber));
        command.Parameters.AddWithValue("$rpid", Column(item, DicomTag.RequestedProcedureID));
        command.Parameters.AddWithValue("$spsid", Column(step, DicomTag.ScheduledProcedureStepID));
        command.Parameters.AddWithValue("$study", Column(item, DicomTag.StudyInstanceUID));
        command.Parameters.AddWithValue("$pid", Column(item, DicomTag.PatientID));
        command.Parameters.AddWithValue("$name", Column(item, DicomTag.PatientName));
        command.Parameters.AddWithValue("$modality", Column(step, DicomTag.Modality));
        // Scheduled Station AE Title may have several values; only a single one goes into the column.
        command.Parameters.AddWithValue("$station", step?.GetValueCount(DicomTag.ScheduledStationAETitle) > 1 ? DBNull.Value : Column(step, DicomTag.ScheduledStationAETitle));
        command.Parameters.AddWithValue("$date", Column(step, DicomTag.ScheduledProcedureStepStartDate));
        command.Parameters.AddWithValue("$count", item.GetSequence(DicomTag.ScheduledProcedureStepSequence)?.Count ?? 0);
        command.Parameters.AddWithValue("$expires", ExpiresAt(item));
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$dataset", Encode(item));
        command.ExecuteNonQuery();
        return key;
    }

    /// <summary>Removes the item with <paramref name="key"/>; false when there is none.</summary>
    public bool Remove(string key)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM worklist_items WHERE item_key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>The item with <paramref name="key"/> unless absent or expired.</summary>
    public DicomDataset? Get(string key) => Read("item_key = $1", key).Select(e => e.Item).FirstOrDefault();

    /// <summary>Every item that has not expired, by key.</summary>
    public IReadOnlyList<WorklistEntry> List() => Read(null).ToList();

    /// <summary>The items of an order (by Accession Number) that have not expired.</summary>
    public IReadOnlyList<WorklistEntry> FindByAccessionNumber(string accessionNumber) => Read("accession_number = $1", accessionNumber).ToList();

    /// <summary>
    /// Takes a scheduled step off the worklist once its performed procedure step is COMPLETED or DISCONTINUED:
    /// the step's item of the Scheduled Procedure Step Sequence is removed, and the whole item with its last step.
    /// A null or empty <paramref name="scheduledProcedureStepId"/> removes every item of the accession number.
    /// Returns how many steps were removed.
    /// </summary>
    public Task<int> CompleteAsync(string accessionNumber, string? scheduledProcedureStepId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = 0;
        foreach (var entry in FindByAccessionNumber(accessionNumber))
        {
            var steps = entry.Item.GetSequence(DicomTag.ScheduledProcedureStepSequence);
            var keep = steps?.Where(s => !string.IsNullOrEmpty(scheduledProcedureStepId) && s.GetString(DicomTag.ScheduledProcedureStepID)?.Trim() != scheduledProcedureStepId).ToList() ?? [];
            var gone = (steps?.Count ?? 0) - keep.Count;
            if (gone == 0 && !string.IsNullOrEmpty(scheduledProcedureStepId)) continue;
            removed += Math.Max(gone, 1);
            if (keep.Count == 0)
            {
                Remove(entry.Key);
                continue;
            }
            var item = entry.Item.Clone();
            item.SetSequence(DicomTag.ScheduledProcedureStepSequence, [.. keep.Select(s => s.Clone())]);
            Remove(entry.Key);
            AddOrReplace(item);
        }
        return Task.FromResult(removed);
    }

    /// <summary>Deletes the expired items; returns how many.</summary>
    public int RemoveExpired()
    {
        using var connection = _database.Open();
        return DeleteExpired(connection);
    }

    /// <summary>
    /// The C-FIND responses for <paramref name="identifier"/> (PS3.4 K.2.2): one per matching Scheduled
    /// Procedure Step, each with every requested key filled from the item or empty, in the item's character set.
    /// </summary>
    public async IAsyncEnumerable<DicomDataset> FindAsync(DicomDataset identifier, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var matcher = new AttributeMatcher(_options.CaseInsensitivePersonNames, StartDateTime);
        var returned = 0;
        foreach (var entry in Read(PrefilterSql(identifier, out var args), [.. args]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var step in PerStep(entry.Item))
            {
                if (!matcher.Matches(identifier, step)) continue;
                yield return QueryResponseBuilder.Build(identifier, step);
                if (_options.MaxResponses > 0 && ++returned >= _options.MaxResponses) yield break;
                await Task.Yield();
            }
        }
    }

    // An item with several scheduled steps answers once per step (K.6.1.2.2: one response per step).
    private static IEnumerable<DicomDataset> PerStep(DicomDataset item)
    {
        var steps = item.GetSequence(DicomTag.ScheduledProcedureStepSequence);
        if (steps is null || steps.Count <= 1)
        {
            yield return item;
            yield break;
        }
        foreach (var step in steps)
        {
            var one = item.Clone();
            one.SetSequence(DicomTag.ScheduledProcedureStepSequence, step.Clone());
            yield return one;
        }
    }

    // Narrows the candidates with the indexed columns; never excludes a true match (the matcher decides).
    // Step columns hold the first step only, so they narrow only items with one step.
    private static string? PrefilterSql(DicomDataset identifier, out List<object> args)
    {
        var where = new List<string>();
        var values = new List<object>();
        void Equal(string column, string? value, bool stepColumn = false)
        {
            if (value is null) return;
            values.Add(value.Trim());
            where.Add(stepColumn ? $"(sps_count > 1 OR {column} = ${values.Count})" : $"{column} = ${values.Count}");
        }
        Equal("patient_id", DicomQuery.SingleValue(identifier, DicomTag.PatientID));
        Equal("accession_number", DicomQuery.SingleValue(identifier, DicomTag.AccessionNumber));
        Equal("requested_procedure_id", DicomQuery.SingleValue(identifier, DicomTag.RequestedProcedureID));
        if (identifier.GetStrings(DicomTag.StudyInstanceUID) is [{ Length: > 0 } uid]) Equal("study_uid", uid);
        if (identifier.GetSequence(DicomTag.ScheduledProcedureStepSequence) is { Count: > 0 } keys)
        {
            Equal("modality", DicomQuery.SingleValue(keys[0], DicomTag.Modality), stepColumn: true);
            if (DicomQuery.SingleValue(keys[0], DicomTag.ScheduledStationAETitle) is { } station)
            {
                values.Add(station.Trim());
                where.Add($"(sps_count > 1 OR station_ae IS NULL OR station_ae = ${values.Count})");
            }
        }
        args = values;
        return where.Count == 0 ? null : string.Join(" AND ", where);
    }

    private IEnumerable<WorklistEntry> Read(string? condition, params object[] args)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT item_key, expires_at, dataset FROM worklist_items WHERE expires_at > $now"
            + (condition is null ? "" : " AND " + condition) + " ORDER BY sps_start_date, item_key";
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        for (var i = 0; i < args.Length; i++) command.Parameters.AddWithValue("$" + (i + 1), args[i]);
        using var reader = command.ExecuteReader();
        var entries = new List<WorklistEntry>();
        while (reader.Read())
        {
            var item = LevelAttributes.Decode((byte[])reader["dataset"]);
            ApplyFallbackCharacterSet(item);
            var expires = reader.GetInt64(1);
            entries.Add(new WorklistEntry(reader.GetString(0), item, expires == long.MaxValue ? null : DateTimeOffset.FromUnixTimeSeconds(expires)));
        }
        return entries;
    }

    private static int DeleteExpired(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM worklist_items WHERE expires_at <= $now";
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return command.ExecuteNonQuery();
    }

    private void Prepare(DicomDataset item)
    {
        ApplyFallbackCharacterSet(item);
        if (string.IsNullOrWhiteSpace(item.GetString(DicomTag.StudyInstanceUID))) item.Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value);
        foreach (var step in item.GetSequence(DicomTag.ScheduledProcedureStepSequence) ?? [])
            if (!step.Contains(DicomTag.ScheduledProcedureStepStatus)) step.Set(DicomTag.ScheduledProcedureStepStatus, "SCHEDULED");
    }

    private void ApplyFallbackCharacterSet(DicomDataset item)
    {
        if (_options.FallbackCharacterSet.Length > 0 && !item.Contains(DicomTag.SpecificCharacterSet))
            item.Set(DicomTag.SpecificCharacterSet, _options.FallbackCharacterSet.Split('\\'));
    }

    // The earliest scheduled start plus ExpireAfter; items without a start date expire that long after being added.
    private long ExpiresAt(DicomDataset item)
    {
        if (_options.ExpireAfter <= TimeSpan.Zero) return long.MaxValue;
        DateTimeOffset? earliest = null;
        foreach (var step in item.GetSequence(DicomTag.ScheduledProcedureStepSequence) ?? [])
        {
            var text = (step.GetString(DicomTag.ScheduledProcedureStepStartDate)?.Trim() ?? "") + (step.GetString(DicomTag.ScheduledProcedureStepStartTime)?.Trim().Replace(":", "") ?? "");
            if (text.Length < 8) continue;
            var digits = text.Split('.')[0].PadRight(14, '0')[..14];
            if (DateTime.TryParseExact(digits, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var start)
                && (earliest is null || start < earliest)) earliest = new DateTimeOffset(start);
        }
        return ((earliest ?? DateTimeOffset.UtcNow) + _options.ExpireAfter).ToUnixTimeSeconds();
    }

    private static object Column(DicomDataset? dataset, DicomTag tag) => dataset?.GetString(tag)?.Trim() is { Length: > 0 } value ? value : DBNull.Value;

    private static byte[] Encode(DicomDataset item)
    {
        var stream = new MemoryStream();
        item.WriteTo(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        return stream.ToArray();
    }
}
