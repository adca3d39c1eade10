using Hounsfield.Archive.Index;
using Hounsfield.Archive.Query;
using Hounsfield.Archive.Tests.Support;
using Hounsfield.Dicom;
using Microsoft.Data.Sqlite;

namespace Hounsfield.Archive.Tests.Index;

public sealed class SqlArchiveIndexTests
{
    [Theory]
    [InlineData("postgres://hf:s%40cret@db.example:5433/pacs", "Host=db.example;Port=5433;Database=pacs;Username=hf;Password=s@cret")]
    [InlineData("postgresql://hf@localhost/pacs?Pooling=false", "Host=localhost;Database=pacs;Username=hf;Pooling=False")]
    [InlineData("Host=localhost;Database=pacs", "Host=localhost;Database=pacs")]
    public void Database_uris_become_npgsql_connection_strings(string database, string expected) =>
        Assert.Equal(expected, PostgresDialect.ConnectionString(database));

    [Theory, Databases]
    public async Task ContainsInstance_answers_for_stored_and_unknown_instances(string database)
    {
        await using var archive = await ArchiveTestServer.StartAsync(database);
        var stored = ArchiveTestServer.Instance();
        await archive.StoreAsync(stored);

        Assert.True(await archive.Server.Index.ContainsInstanceAsync(stored.Dataset.GetString(DicomTag.SOPInstanceUID)!));
        Assert.False(await archive.Server.Index.ContainsInstanceAsync("1.2.826.0.1.3680043.2.1125.99.404"));
    }

    // An index written before auto delete (schema version 2, PRAGMA user_version) opens upgraded, its rows kept.
    [Fact]
    public async Task A_version_2_sqlite_index_is_upgraded_in_place()
    {
        var folder = Directory.CreateTempSubdirectory("hf-upgrade-").FullName;
        var path = Path.Combine(folder, "index.sqlite");
        try
        {
            using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                old.Open();
                var dialect = new SqliteDialect(path);
                foreach (var migration in SqlSchema.Migrations.Take(2)) SqlDialect.Execute(old, dialect.Types(migration));
                SqlDialect.Execute(old, """
                    PRAGMA user_version = 2;
                    INSERT INTO patients (id, patient_id, issuer, patient_name, birth_date, sex) VALUES (1, 'P', '', 'Old^Patient', '', '');
                    INSERT INTO studies (id, patient_fk, study_uid, study_date, study_time, accession_number, study_id, description, referring_physician, last_update)
                    VALUES (1, 1, '1.2.3', '', '', '', '', '', '', 1700000000000);
                    """);
            }
            await using var index = SqlArchiveIndex.OpenSqlite(path);
            var study = Assert.Single(await index.LeastRecentlyUsedStudiesAsync(10, DateTimeOffset.MaxValue));
            Assert.Equal("1.2.3", study.StudyInstanceUid);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), study.LastAccess);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // An index written before the fuzzy-matching key (schema version 3) gets the key of every stored
    // Patient's Name when it opens, so a fuzzy query finds the old rows too.
    [Theory, Databases]
    public async Task A_version_3_index_gets_the_fuzzy_key_of_its_patient_names(string database)
    {
        var folder = Directory.CreateTempSubdirectory("hf-upgrade-").FullName;
        await using var postgres = database == TestDatabase.Postgres ? await TestDatabase.CreateAsync() : null;
        try
        {
            SqlDialect dialect = postgres is null ? new SqliteDialect(Path.Combine(folder, "index.sqlite")) : new PostgresDialect(postgres.ConnectionString);
            using (var old = dialect.CreateConnection())
            {
                old.Open();
                using var transaction = old.BeginTransaction();
                dialect.BeginMigration(old, transaction);
                foreach (var migration in SqlSchema.Migrations.Take(3)) SqlDialect.Execute(old, dialect.Types(migration), transaction);
                dialect.EndMigration(old, transaction, 3);
                var patient = new DicomDataset().Set(DicomTag.SpecificCharacterSet, "ISO_IR 100").Set(DicomTag.PatientName, "Müller^Jürgen").Set(DicomTag.PatientID, "P");
                using var insert = old.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO patients (patient_id, issuer, patient_name, birth_date, sex, attributes) VALUES ('P', '', $1, '', '', $2)";
                dialect.AddParameter(insert, 1, "Müller^Jürgen");
                dialect.AddParameter(insert, 2, LevelAttributes.Extract(patient, QueryLevel.Patient));
                insert.ExecuteNonQuery();
                transaction.Commit();
            }
            (dialect as IDisposable)?.Dispose();
            await using var index = postgres is null ? SqlArchiveIndex.OpenSqlite(Path.Combine(folder, "index.sqlite")) : SqlArchiveIndex.OpenPostgres(postgres.ConnectionString);
            var query = DicomQuery.Parse(QueryModel.PatientRoot, new DicomDataset().Set(DicomTag.QueryRetrieveLevel, "PATIENT").Set(DicomTag.PatientName, "MULLER*"));
            var found = new List<DicomDataset>();
            await foreach (var match in index.FindAsync(query, new QueryOptions { CaseInsensitivePersonNames = true })) found.Add(match);
            Assert.Equal("Müller^Jürgen", Assert.Single(found).GetString(DicomTag.PatientName));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
