using System.Net;
using k8s.Autorest;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>A write to an object that may have been deleted meanwhile: a 404 leaves nothing to write on, and is no failure.</summary>
public static class UnlessGone
{
    public static async Task WriteAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Gone already: nothing left to write on.
        }
    }
}
