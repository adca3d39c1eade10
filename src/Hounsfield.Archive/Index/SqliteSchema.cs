using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Index;

/// <summary>
/// The index schema as ordered migrations; the database records the last one applied in
/// <c>PRAGMA user_version</c>, so opening an older index upgrades it in place.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            patient_id TEXT NOT NULL,
            issuer TEXT NOT NULL,
            patient_name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            sex TEXT NOT NULL,
            UNIQUE (patient_id, issuer));
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            patient_fk INTEGER NOT NULL REFERENCES patients(id),
            study_uid TEXT NOT NULL UNIQUE,
            study_date TEXT NOT NULL,
            study_time TEXT NOT NULL,
            accession_number TEXT NOT NULL,
            study_id TEXT NOT NULL,
            description TEXT NOT NULL,
            referring_physician TEXT NOT NULL,
            last_update INTEGER NOT NULL);
        CREATE INDEX studies_patient ON studies(patient_fk);
        CREATE INDEX studies_date ON studies(study_date);
        CREATE INDEX studies_accession ON studies(accession_number);
        CREATE TABLE series (
            id INTEGER PRIMARY KEY,
            study_fk INTEGER NOT NULL REFERENCES studies(id),
            series_uid TEXT NOT NULL UNIQUE,
            modality TEXT NOT NULL,
            series_number TEXT NOT NULL,
            description TEXT NOT NULL);
        CREATE INDEX series_study ON series(study_fk);
        CREATE TABLE instances (
            id INTEGER PRIMARY KEY,
            series_fk INTEGER NOT NULL REFERENCES series(id),
            sop_instance_uid TEXT NOT NULL UNIQUE,
            sop_class_uid TEXT NOT NULL,
            instance_number TEXT NOT NULL,
            transfer_syntax TEXT NOT NULL,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            source_ae TEXT NOT NULL,
            received INTEGER NOT NULL);
        CREATE INDEX instances_series ON instances(series_fk);
        """,
        // 2: each level keeps its attributes (Explicit VR LE) for query matching and return keys.
        """
        ALTER TABLE patients ADD COLUMN attributes BLOB;
        ALTER TABLE studies ADD COLUMN attributes BLOB;
        ALTER TABLE series ADD COLUMN attributes BLOB;
        ALTER TABLE instances ADD COLUMN attributes BLOB;
        CREATE INDEX patients_name ON patients(patient_name);
        CREATE INDEX series_modality ON series(modality);
        """,
    ];

    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(version.ExecuteScalar());
        for (var i = current; i < Migrations.Length; i++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, Migrations[i], transaction);
            Execute(connection, $"PRAGMA user_version = {i + 1}", transaction);
            transaction.Commit();
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
