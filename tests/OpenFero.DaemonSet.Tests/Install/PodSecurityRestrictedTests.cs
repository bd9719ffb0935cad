using System.Text.Json.Nodes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Install;

/// <summary>
/// Every pod the install runs (the server and every Operarius' Job) is admitted by Pod Security's <c>restricted</c>
/// level: non-root, the runtime's seccomp profile, no privilege escalation, every capability dropped.
/// </summary>
public sealed class PodSecurityRestrictedTests
{
    [Fact]
    public async Task Every_pod_of_the_install_meets_pod_security_restricted()
    {
        var install = await RenderedInstall.RenderAsync(RepositoryRoot.Path);
        var pods = install.PodSpecs().ToList();

        Assert.Contains(pods, p => p.Where.StartsWith("Deployment/", StringComparison.Ordinal));
        Assert.Contains(pods, p => p.Where.StartsWith("Operarius/", StringComparison.Ordinal));
        Assert.All(pods, p => Assert.Empty(Violations(p.PodSpec).Select(v => $"{p.Where}: {v}")));
    }

    // The rendered YAML is read as text: scalars are strings ("true", "false").
    /// <summary>The restricted level's rules these manifests could break, as Kubernetes' admission names them.</summary>
    private static IEnumerable<string> Violations(JsonObject pod)
    {
        var podContext = pod["securityContext"];
        foreach (var container in pod["containers"]!.AsArray().Concat(pod["initContainers"]?.AsArray() ?? []))
        {
            var name = (string?)container!["name"];
            var context = container["securityContext"];
            if ((string?)context?["runAsNonRoot"] != "true" && (string?)podContext?["runAsNonRoot"] != "true")
                yield return $"{name}: runAsNonRoot != true";
            if ((string?)(context?["seccompProfile"] ?? podContext?["seccompProfile"])?["type"] is not ("RuntimeDefault" or "Localhost"))
                yield return $"{name}: seccompProfile.type not RuntimeDefault or Localhost";
            if ((string?)context?["allowPrivilegeEscalation"] != "false")
                yield return $"{name}: allowPrivilegeEscalation != false";
            if (context?["capabilities"]?["drop"]?.AsArray().Any(c => (string?)c == "ALL") != true)
                yield return $"{name}: capabilities.drop lacks ALL";
        }
    }
}
