using System.Data.Common;

namespace Hounsfield.Archive.Index;

/// <summary>
/// The index schema as ordered migrations, written once for every dialect; the database records
/// how many are applied (see <see cref="SqlDialect.BeginMigration"/>), so opening an older index
/// upgrades it in place.
/// </summary>
internal static class SqlSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE patients (
            id {id},
            patient_id TEXT NOT NULL,
            issuer TEXT NOT NULL,
            patient_name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            sex TEXT NOT NULL,
            UNIQUE (patient_id, issuer));
        CREATE TABLE studies (
            id {id},
            patient_fk {int} NOT NULL REFERENCES patients(id),
            study_uid TEXT NOT NULL UNIQUE,
            study_date TEXT NOT NULL,
            study_time TEXT NOT NULL,
            accession_number TEXT NOT NULL,
            study_id TEXT NOT NULL,
            description TEXT NOT NULL,
            referring_physician TEXT NOT NULL,
            last_update {int} NOT NULL);
        CREATE INDEX studies_patient ON studies(patient_fk);
        CREATE INDEX studies_date ON studies(study_date);
        CREATE INDEX studies_accession ON studies(accession_number);
        CREATE TABLE series (
            id {id},
            study_fk {int} NOT NULL REFERENCES studies(id),
            series_uid TEXT NOT NULL UNIQUE,
            modality TEXT NOT NULL,
            series_number TEXT NOT NULL,
            description TEXT NOT NULL);
        CREATE INDEX series_study ON series(study_fk);
        CREATE TABLE instances (
            id {id},
            series_fk {int} NOT NULL REFERENCES series(id),
            sop_instance_uid TEXT NOT NULL UNIQUE,
            sop_class_uid TEXT NOT NULL,
            instance_number TEXT NOT NULL,
            transfer_syntax TEXT NOT NULL,
            path TEXT NOT NULL,
            size {int} NOT NULL,
            source_ae TEXT NOT NULL,
            received {int} NOT NULL);
        CREATE INDEX instances_series ON instances(series_fk);
        """,
        // 2: each level keeps its attributes (Explicit VR LE) for query matching and return keys.
        """
        ALTER TABLE patients ADD COLUMN attributes {blob};
        ALTER TABLE studies ADD COLUMN attributes {blob};
        ALTER TABLE series ADD COLUMN attributes {blob};
        ALTER TABLE instances ADD COLUMN attributes {blob};
        CREATE INDEX patients_name ON patients(patient_name);
        CREATE INDEX series_modality ON series(modality);
        """,
        // 3: least-recently-used order for auto delete (stores and retrieves set it).
        """
        ALTER TABLE studies ADD COLUMN last_access {int} NOT NULL DEFAULT 0;
        UPDATE studies SET last_access = last_update;
        CREATE INDEX studies_last_access ON studies(last_access);
        """,
        // 4: the fuzzy-matching key of Patient's Name (FuzzySemanticMatching.Key), computed in C# so that
        // no database extension is needed; existing rows are filled by BackfillPatientNameKeys.
        """
        ALTER TABLE patients ADD COLUMN patient_name_key TEXT NOT NULL DEFAULT '';
        CREATE INDEX patients_name_key ON patients(patient_name_key);
        """,
        // 5: Patient ID coercion's decisions, made race-free across servers by the unique keys: one ID
        // per study, one patient per ID, one ID per patient and original ID.
        """
        CREATE TABLE study_patient_ids (
            study_uid TEXT PRIMARY KEY,
            patient_id TEXT NOT NULL);
        CREATE TABLE patient_id_claims (
            patient_id TEXT PRIMARY KEY,
            original_id TEXT NOT NULL,
            patient_name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            UNIQUE (original_id, patient_name, birth_date));
        """,
    ];

    // Work a migration needs done in C#, after its SQL, in the same transaction: by 1-based migration number.
    private static readonly Dictionary<int, Action<SqlDialect, DbConnection, DbTransaction>> Backfills = new() { [4] = BackfillPatientNameKeys };

    public static void Migrate(SqlDialect dialect, DbConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        var current = dialect.BeginMigration(connection, transaction);
        for (var i = current; i < Migrations.Length; i++)
        {
            SqlDialect.Execute(connection, dialect.Types(Migrations[i]), transaction);
            if (Backfills.TryGetValue(i + 1, out var backfill)) backfill(dialect, connection, transaction);
        }
        if (current < Migrations.Length) dialect.EndMigration(connection, transaction, Migrations.Length);
        transaction.Commit();
    }

    private static void BackfillPatientNameKeys(SqlDialect dialect, DbConnection connection, DbTransaction transaction)
    {
        var names = new List<(long Id, string Name)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, patient_name FROM patients";
            using var reader = select.ExecuteReader();
            while (reader.Read()) names.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        foreach (var (id, name) in names)
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE patients SET patient_name_key = $1 WHERE id = $2";
            dialect.AddParameter(update, 1, Query.FuzzySemanticMatching.Key(name));
            dialect.AddParameter(update, 2, id);
            update.ExecuteNonQuery();
        }
    }
}
