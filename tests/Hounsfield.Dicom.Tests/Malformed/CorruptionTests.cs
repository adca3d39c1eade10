using System.Diagnostics;
using Hounsfield.Dicom.Tests.Support;

namespace Hounsfield.Dicom.Tests.Malformed;

/// <summary>Seeded random damage: bit flips and byte overwrites may only lead to success or DicomFormatException.</summary>
public class CorruptionTests
{
    [Theory]
    [MemberData(nameof(TruncationTests.Cases), MemberType = typeof(TruncationTests))]
    public void Random_bit_flips_and_byte_overwrites_read_or_fail_cleanly(string name)
    {
        var (dataset, ts, options, seekable, readOptions) = TruncationTests.Build(name);
        var original = SampleData.FileBytes(dataset, ts, options);
        var random = new Random(HashCode(name));
        var stopwatch = Stopwatch.StartNew();
        var failures = 0;
        const int cases = 700;
        for (var i = 0; i < cases; i++)
        {
            var bytes = (byte[])original.Clone();
            var damage = new List<string>();
            var edits = 1 + random.Next(3);
            for (var k = 0; k < edits; k++)
            {
                // Aim most damage after the preamble, where it matters.
                var at = random.Next(10) == 0 ? random.Next(bytes.Length) : 128 + random.Next(bytes.Length - 128);
                if (at >= bytes.Length) at = bytes.Length - 1;
                switch (random.Next(5))
                {
                    case 3:
                        // Drop a few bytes: everything after shifts, as with a lost packet.
                        var drop = Math.Min(1 + random.Next(8), bytes.Length - at);
                        bytes = [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + drop)];
                        damage.Add($"drop {drop} at {at}");
                        break;
                    case 4:
                        var extra = new byte[1 + random.Next(8)];
                        random.NextBytes(extra);
                        bytes = [.. bytes.AsSpan(0, at), .. extra, .. bytes.AsSpan(at)];
                        damage.Add($"insert {Convert.ToHexString(extra)} at {at}");
                        break;
                    case 0:
                        var bit = random.Next(8);
                        bytes[at] ^= (byte)(1 << bit);
                        damage.Add($"flip bit {bit} at {at}");
                        break;
                    case 1:
                        var value = (byte)random.Next(256);
                        bytes[at] = value;
                        damage.Add($"byte {value:X2} at {at}");
                        break;
                    default:
                        // Overwrite four bytes at once, as a bogus length or tag would.
                        var word = random.Next(4) switch { 0 => 0xFFFFFFFFu, 1 => 0xFFFFFFF0u, 2 => 0u, _ => (uint)random.Next() };
                        for (var j = 0; j < 4 && at + j < bytes.Length; j++) bytes[at + j] = (byte)(word >> (8 * j));
                        damage.Add($"word {word:X8} at {at}");
                        break;
                }
            }
            var outcome = MalformedHarness.Read(bytes, seekable, readOptions, $"{name} case {i}: {string.Join(", ", damage)}");
            if (outcome.Error is not null) failures++;
        }
        // The damage must actually hurt now and then, or the test proves nothing.
        Assert.InRange(failures, cases / 20, cases);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }

    private static int HashCode(string s) => s.Aggregate(17, (h, c) => h * 31 + c);
}
