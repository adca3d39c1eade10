using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

namespace Hounsfield.Dicom.Codecs.Tests.Jpeg2000.HighThroughput;

/// <summary>Consistency of the transcribed T.814 Annex C tables (catches transcription slips).</summary>
public class CxtVlcTablesTests
{
    public static TheoryData<bool> Tables() => new() { true, false };

    private static CxtVlcTables.Row[] Rows(bool initial) => initial ? CxtVlcTables.InitialTableRows : CxtVlcTables.NonInitialTableRows;

    [Theory]
    [MemberData(nameof(Tables))]
    public void Each_context_is_a_complete_prefix_code(bool initial)
    {
        for (var context = 0; context < 8; context++)
        {
            var rows = Rows(initial).Where(r => r.Context == context).ToArray();
            Assert.NotEmpty(rows);
            for (var bits = 0; bits < 128; bits++)
                Assert.Single(rows, r => (bits & ((1 << r.Length) - 1)) == r.Codeword);
            Assert.Equal(1.0, rows.Sum(r => Math.Pow(2, -r.Length)), 12);
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Exponent_patterns_lie_within_the_significant_samples(bool initial)
    {
        foreach (var r in Rows(initial))
        {
            Assert.Equal(r.E1, r.E1 & r.Ek);
            Assert.Equal(r.Ek, r.Ek & r.Rho);
            if (r.UOff == 0) Assert.Equal(0, r.Ek);
            Assert.InRange(r.Length, 1, 7);
            Assert.True(r.Codeword < 1 << r.Length);
            // A zero context quad is known significant from its MEL event.
            if (r.Context == 0) Assert.NotEqual(0, r.Rho);
        }
        Assert.Equal(Rows(initial).Length, Rows(initial).Select(r => (r.Context, r.Rho, r.UOff, r.Ek, r.E1)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_quad_the_encoder_can_meet_has_a_codeword(bool initial)
    {
        var table = initial ? CxtVlcTables.EncodeInitial : CxtVlcTables.EncodeNonInitial;
        for (var context = 0; context < 8; context++)
            for (var rho = context == 0 ? 1 : 0; rho < 16; rho++)
            {
                Assert.NotEqual(0, table[(context << 9) | (rho << 5)]);
                for (var emb = 1; emb < 16; emb++)
                    if ((emb & ~rho) == 0)
                        Assert.NotEqual(0, table[(context << 9) | (rho << 5) | (1 << 4) | emb]);
            }
    }
}
