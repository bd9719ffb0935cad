using System.Text;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// A Job pod's termination-message file, as the kubelet mounts one per container: created empty before the
/// container starts, read when it ends (the last 4096 bytes, as kubelet's <c>ReadAtMost</c>), gone with the pod.
/// </summary>
public sealed class TerminationMessageFile : IDisposable
{
    public const int MaxBytes = 4096;
    private readonly string folder = Directory.CreateTempSubdirectory("termination-").FullName;

    public TerminationMessageFile() => File.WriteAllBytes(Path, []);

    public string Path => System.IO.Path.Combine(folder, "termination-log");

    public string Read()
    {
        try
        {
            using var file = File.OpenRead(Path);
            var start = Math.Max(0, file.Length - MaxBytes);
            file.Seek(start, SeekOrigin.Begin);
            var bytes = new byte[file.Length - start];
            file.ReadExactly(bytes);
            return Encoding.UTF8.GetString(bytes);
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or still open by a handler that ignored cancellation: the temp folder's cleanup takes it.
        }
    }
}
