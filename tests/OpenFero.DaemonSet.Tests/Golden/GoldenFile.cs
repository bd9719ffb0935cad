using System.Text;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Golden;

/// <summary>
/// An output compared with the file checked in beside this class, byte for byte. The files are read from the
/// repository (not copied to the build output), so that <c>UPDATE_GOLDEN=1 dotnet test</c> rewrites the very
/// files a reviewer then sees in the diff. A mismatch fails with the differing lines.
/// </summary>
internal static class GoldenFile
{
    private const int ContextLines = 2;

    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "OpenFero.DaemonSet.Tests", "Golden", "files");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void Matches(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no golden file {path}: run UPDATE_GOLDEN=1 dotnet test to write it, and review it like code");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"{name} differs from its golden file (- golden, + now; UPDATE_GOLDEN=1 dotnet test rewrites it):\n{Diff(expected, actual)}");
        }
    }

    /// <summary>The lines that differ, with a little context, from a longest-common-subsequence alignment.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', x + 1, a[x]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] > common[x + 1, y]))
            {
                lines.Add(('+', y + 1, b[y]));
                y++;
            }
            else
            {
                lines.Add(('-', x + 1, a[x]));
                x++;
            }
        }

        var shown = new StringBuilder();
        var last = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            var near = Enumerable.Range(Math.Max(0, k - ContextLines), Math.Min(lines.Count, k + ContextLines + 1) - Math.Max(0, k - ContextLines))
                .Any(n => lines[n].Mark != ' ');
            if (!near)
            {
                continue;
            }

            if (last >= 0 && k > last + 1)
            {
                shown.AppendLine("  ...");
            }

            shown.Append(lines[k].Mark).Append(' ').AppendLine(lines[k].Text);
            last = k;
        }

        return shown.ToString();
    }
}
