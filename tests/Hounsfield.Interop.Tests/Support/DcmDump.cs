using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Hounsfield.Dicom;

namespace Hounsfield.Interop.Tests.Support;

/// <summary>One line of dcmdump output (tag, VR, value, length, VM, keyword), with its items or fragments.</summary>
public sealed class DumpElement
{
    public required DicomTag Tag { get; init; }
    public required string VR { get; init; }
    public required string Value { get; init; }
    public required string Length { get; init; }
    public required int VM { get; init; }
    public required string Keyword { get; init; }
    public List<List<DumpElement>> Items { get; } = [];
    public List<DumpElement> Fragments { get; } = [];
    public bool IsPixelSequence => Value.StartsWith("(PixelSequence", StringComparison.Ordinal);

    public override string ToString() => $"{Tag} {VR} {Value} # {Length}, {VM} {Keyword}";
}

/// <summary>The meta information and data set that dcmdump printed.</summary>
public sealed record Dump(List<DumpElement> Meta, List<DumpElement> Dataset, string Text);

/// <summary>Runs dcmdump and parses its lines; compares them with a data set read by Hounsfield.</summary>
public static partial class DcmDump
{
    [GeneratedRegex(@"^(?<indent> *)\((?<g>[0-9a-fA-F]{4}),(?<e>[0-9a-fA-F]{4})\) (?<vr>\S\S) (?<value>.*?)\s*#\s*(?<len>u/l|\d+), ?(?<vm>\d+) (?<kw>.*)$")]
    private static partial Regex Line();

    /// <summary>dcmdump with UID numbers (not names) and long values printed whole.</summary>
    public static Dump Run(string path, params string[] extraOptions)
    {
        var result = PeerTool.Run("dcmdump", ["-Un", "+L", .. extraOptions, path]).EnsureSuccess();
        Assert.DoesNotContain("E: ", result.Error);
        return Parse(result.Output);
    }

    public static Dump Parse(string text)
    {
        var meta = new List<DumpElement>();
        var dataset = new List<DumpElement>();
        var root = dataset;
        var current = root;
        DumpElement? open = null;
        var stack = new Stack<(List<DumpElement> List, DumpElement? Open)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# Dicom-Meta-Information-Header", StringComparison.Ordinal)) { current = root = meta; continue; }
            if (line.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal)) { current = root = dataset; stack.Clear(); open = null; continue; }
            var m = Line().Match(line.TrimEnd('\r'));
            if (!m.Success) continue;
            var e = new DumpElement
            {
                Tag = new DicomTag(ushort.Parse(m.Groups["g"].Value, NumberStyles.HexNumber), ushort.Parse(m.Groups["e"].Value, NumberStyles.HexNumber)),
                VR = m.Groups["vr"].Value,
                Value = m.Groups["value"].Value,
                Length = m.Groups["len"].Value,
                VM = int.Parse(m.Groups["vm"].Value, CultureInfo.InvariantCulture),
                Keyword = m.Groups["kw"].Value.Trim(),
            };
            switch (e.Tag.Value)
            {
                case 0xFFFEE000 when e.VR == "pi":
                    open!.Fragments.Add(e);
                    break;
                case 0xFFFEE000:
                    var item = new List<DumpElement>();
                    open!.Items.Add(item);
                    stack.Push((current, open));
                    current = item;
                    open = null;
                    break;
                case 0xFFFEE00D:
                case 0xFFFEE0DD:
                    // An item's end returns to its sequence; a sequence's end to the level that holds it.
                    (current, open) = stack.Pop();
                    break;
                default:
                    current.Add(e);
                    if (e.VR == "SQ" || e.IsPixelSequence)
                    {
                        stack.Push((current, open));
                        open = e;
                    }
                    break;
            }
        }
        return new Dump(meta, dataset, text);
    }

    /// <summary>Every difference between what dcmdump printed and what Hounsfield read, into nested items.</summary>
    public static List<string> Compare(List<DumpElement> dump, DicomDataset ours, string path = "")
    {
        var diffs = new List<string>();
        var dumpTags = dump.Select(d => d.Tag).ToHashSet();
        foreach (var e in ours)
            if (!dumpTags.Contains(e.Tag)) diffs.Add($"{path}{e.Tag}: read by us, not shown by dcmdump");
        foreach (var d in dump)
        {
            var where = $"{path}{d.Tag}";
            if (!ours.TryGetElement(d.Tag, out var e)) { diffs.Add($"{where}: dcmdump shows {d}, we have nothing"); continue; }
            var vr = d.VR == "??" ? "UN" : d.VR;
            if (vr == "UN" && e.VR != DicomVR.UN && d.Tag.IsPrivate && !d.Tag.IsPrivateCreator && e.Sequence is null)
            {
                // Written implicitly, a private element's VR is lost: its bytes must still be ours.
                var mine = string.Join('\\', Hex(ours.GetBytes(e.Tag).ToArray(), 1).Append(ours.GetBytes(e.Tag).Length % 2 == 1 ? "00" : null).OfType<string>());
                if (!string.Equals(mine, d.Value, StringComparison.OrdinalIgnoreCase)) diffs.Add($"{where}: dcmdump {d.Value}, our bytes {mine}");
                continue;
            }
            if (vr != e.VR.ToString()) { diffs.Add($"{where}: dcmdump VR {d.VR}, ours {e.VR}"); continue; }
            if (d.IsPixelSequence)
            {
                var fragments = e.Fragments;
                if (fragments is null) diffs.Add($"{where}: dcmdump shows a pixel sequence, ours is not encapsulated");
                else if (d.Fragments.Count != fragments.Count + 1) diffs.Add($"{where}: dcmdump {d.Fragments.Count} items, ours {fragments.Count} fragments + offset table");
                else
                    for (var i = 0; i < fragments.Count; i++)
                        if (d.Fragments[i + 1].Length != fragments[i].Length.ToString(CultureInfo.InvariantCulture))
                            diffs.Add($"{where}: fragment {i} is {d.Fragments[i + 1].Length} bytes for dcmdump, {fragments[i].Length} for us");
                continue;
            }
            if (vr == "SQ")
            {
                var items = e.Sequence!;
                if (items.Count != d.Items.Count) { diffs.Add($"{where}: dcmdump {d.Items.Count} items, ours {items.Count}"); continue; }
                for (var i = 0; i < items.Count; i++) diffs.AddRange(Compare(d.Items[i], items[i], $"{where}[{i}]."));
                continue;
            }
            var problem = CompareValue(d, e, ours);
            if (problem is not null) diffs.Add($"{where} {vr}: {problem}");
        }
        return diffs;
    }

    public static void AssertSame(List<DumpElement> dump, DicomDataset ours, string context)
    {
        var diffs = Compare(dump, ours);
        Assert.True(diffs.Count == 0, $"{context}: dcmdump and Hounsfield disagree:\n{string.Join('\n', diffs.Take(40))}");
        // Guard against a parse that silently matched nothing.
        Assert.True(dump.Count == ours.Count && dump.Count > 0, $"{context}: {dump.Count} dcmdump elements, {ours.Count} ours");
    }

    private static string? CompareValue(DumpElement d, DicomElement e, DicomDataset ours)
    {
        var bytes = ours.GetBytes(e.Tag).ToArray();
        if (bytes.Length % 2 == 1) bytes = [.. bytes, 0]; // the writer pads odd binary values with NUL
        if (d.Value == "(no value available)") return bytes.Length == 0 ? null : $"dcmdump shows no value, we have {bytes.Length} bytes";
        var vr = e.VR;
        if (d.Value.StartsWith('[') && d.Value.EndsWith(']'))
        {
            var text = d.Value[1..^1];
            var theirs = vr.IsMultiValuedString() ? text.Split('\\') : [text];
            var normalize = (string s) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UC ? s.TrimEnd(' ', '\0') : s.Trim(' ', '\0');
            var expected = theirs.Select(normalize).ToArray();
            if (expected.Length == 1 && expected[0].Length == 0) expected = [];
            var mine = ours.GetStrings(e.Tag).Select(normalize).ToArray();
            return expected.SequenceEqual(mine) ? null : $"dcmdump [{text}], ours [{string.Join('\\', mine)}]";
        }
        var parts = d.Value.Split('\\');
        switch (vr)
        {
            case DicomVR.OB or DicomVR.UN:
                return Hex(bytes, 1).SequenceEqual(parts, StringComparer.OrdinalIgnoreCase) ? null : $"dcmdump {d.Value}, ours {string.Join('\\', Hex(bytes, 1))}";
            case DicomVR.OW:
                return Hex(bytes, 2).SequenceEqual(parts, StringComparer.OrdinalIgnoreCase) ? null : $"dcmdump {d.Value}, ours {string.Join('\\', Hex(bytes, 2))}";
            case DicomVR.AT:
                return string.Equals(d.Value, ours.GetString(e.Tag), StringComparison.OrdinalIgnoreCase) ? null : $"dcmdump {d.Value}, ours {ours.GetString(e.Tag)}";
            case DicomVR.FL or DicomVR.OF or DicomVR.FD or DicomVR.OD:
                var values = ours.GetValues<double>(e.Tag);
                if (values.Length != parts.Length) return $"dcmdump {parts.Length} values, ours {values.Length}";
                var tolerance = vr is DicomVR.FL or DicomVR.OF ? 1e-6 : 1e-14;
                for (var i = 0; i < parts.Length; i++)
                {
                    var theirs = double.Parse(parts[i], CultureInfo.InvariantCulture);
                    if (!(theirs == values[i] || Math.Abs(theirs - values[i]) <= tolerance * Math.Abs(values[i])))
                        return $"value {i}: dcmdump {parts[i]}, ours {values[i]:R}";
                }
                return null;
            default:
                // Integers of every size: compare exactly as text.
                var mine = ours.GetStrings(e.Tag);
                return mine.SequenceEqual(parts) ? null : $"dcmdump {d.Value}, ours {string.Join('\\', mine)}";
        }
    }

    private static IEnumerable<string> Hex(byte[] bytes, int unit) => unit == 1
        ? bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))
        : Enumerable.Range(0, bytes.Length / 2).Select(i => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)).ToString("x4", CultureInfo.InvariantCulture));
}
