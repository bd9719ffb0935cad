using System.Net.Sockets;
using System.Text;

namespace OpenFero.DaemonSet.Tests.Webhook;

/// <summary>A POST /alerts written by hand on a socket, so a test can declare one length and send less.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly TcpClient client = new();

    private RawConnection()
    {
    }

    public static async Task<RawConnection> SendPartialAsync(Uri server, long declaredLength, string bodyStart)
    {
        var connection = new RawConnection();
        await connection.client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var head = $"POST /alerts HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {declaredLength}\r\n\r\n{bodyStart}";
        await connection.client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        return connection;
    }

    public void Dispose() => client.Dispose();
}
