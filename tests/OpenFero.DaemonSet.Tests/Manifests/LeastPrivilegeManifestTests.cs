using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;
using OpenFero.DaemonSet.Tests.Infrastructure;

namespace OpenFero.DaemonSet.Tests.Manifests;

/// <summary>What the shipped manifests grant the runner, whose target comes from alert labels, and how its image is built.</summary>
public sealed partial class LeastPrivilegeManifestTests
{
    private const string Runner = "openfero-daemonset-runner";

    [Fact]
    public void The_runner_may_patch_daemonsets_but_never_update_them()
    {
        var role = Manifests("rbac").OfType<V1ClusterRole>().Single(r => r.Metadata.Name == Runner);

        var daemonSets = role.Rules.Single(r => r.Resources.Contains("daemonsets"));

        Assert.Contains("patch", daemonSets.Verbs);
        Assert.DoesNotContain("update", daemonSets.Verbs);
        Assert.DoesNotContain(role.Rules, r => r.Verbs.Contains("*") || r.Resources.Contains("*"));
    }

    [Theory]
    [InlineData("openfero-daemonset")]
    [InlineData(Runner)]
    public void The_analysis_may_list_revisions_and_pod_metrics_and_nothing_else_of_them(string clusterRole)
    {
        var role = Manifests("rbac").OfType<V1ClusterRole>().Single(r => r.Metadata.Name == clusterRole);

        var revisions = Assert.Single(role.Rules, r => r.Resources.Contains("controllerrevisions"));
        var metrics = Assert.Single(role.Rules, r => r.ApiGroups.Contains("metrics.k8s.io"));

        Assert.Equal(["list"], revisions.Verbs);
        Assert.Equal(["metrics.k8s.io"], metrics.ApiGroups);
        Assert.Equal(["pods"], metrics.Resources);
        Assert.Equal(["list"], metrics.Verbs);
    }

    /// <summary>
    /// Events are created (the Events people read) and listed (the analysis quotes FailedCreate); only the server also
    /// watches them, for the FailedCreate trigger of the workflows. Neither changes one.
    /// </summary>
    [Theory]
    [InlineData("openfero-daemonset", new[] { "create", "list", "watch" })]
    [InlineData(Runner, new[] { "create", "list" })]
    public void Events_are_created_and_listed_watched_only_by_the_server_and_never_changed(string clusterRole, string[] verbs)
    {
        var role = Manifests("rbac").OfType<V1ClusterRole>().Single(r => r.Metadata.Name == clusterRole);

        var events = Assert.Single(role.Rules, r => r.Resources.Contains("events"));

        Assert.Equal([""], events.ApiGroups);
        Assert.Equal(["events"], events.Resources);
        Assert.Equal(verbs, events.Verbs);
    }

    /// <summary>The web page's link to a remediation's log (JobLogApi) reads pod logs only in the server's own namespace, and nothing else of them.</summary>
    [Fact]
    public void The_server_reads_pod_logs_only_in_its_own_namespace()
    {
        var objects = Manifests("rbac");

        var role = objects.OfType<V1Role>().Single(r => r.Metadata.Name == "openfero-daemonset");
        var logs = Assert.Single(role.Rules, r => r.Resources.Contains("pods/log"));

        Assert.Equal("openfero", role.Metadata.NamespaceProperty);
        Assert.Equal([""], logs.ApiGroups);
        Assert.Equal(["pods/log"], logs.Resources);
        Assert.Equal(["get"], logs.Verbs);
        Assert.DoesNotContain(objects.OfType<V1ClusterRole>().Where(r => r.Metadata.Name == "openfero-daemonset").SelectMany(r => r.Rules), r => r.Resources.Contains("pods/log"));
    }

    /// <summary>
    /// The server's remediation Jobs: created, read, listed and watched, patched with their follow-ups, and deleted
    /// only by ApprovalExpiry, when a Job waiting for approval was not approved in time. Never updated.
    /// </summary>
    [Fact]
    public void The_server_creates_follows_and_deletes_only_expired_remediation_jobs_and_never_updates_them()
    {
        var role = Manifests("rbac").OfType<V1Role>().Single(r => r.Metadata.Name == "openfero-daemonset");

        var jobs = Assert.Single(role.Rules, r => r.Resources.Contains("jobs"));

        Assert.Equal(["batch"], jobs.ApiGroups);
        Assert.Equal(["create", "get", "list", "watch", "patch", "delete"], jobs.Verbs);
    }

    [Fact]
    public void The_runner_is_granted_its_namespaced_rights_only_in_the_namespaces_it_is_allowed_to_act_in()
    {
        var objects = Manifests("rbac");
        var allowList = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == Runner).Data["Runner__AllowNamespaces"]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var boundIn = objects.OfType<V1RoleBinding>().Where(b => b.RoleRef.Name == Runner).Select(b => b.Metadata.NamespaceProperty);

        Assert.DoesNotContain(objects.OfType<V1ClusterRoleBinding>(), b => b.RoleRef.Name == Runner);
        Assert.Equal(allowList.Order(StringComparer.Ordinal), boundIn.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("kube-system", allowList);
    }

    public static TheoryData<string> BuiltInOperarii { get; } = [.. OpenFero.DaemonSet.Playground.PlaygroundSystem.BuiltInOperarii];

    [Theory]
    [MemberData(nameof(BuiltInOperarii))]
    public void The_remediation_job_runs_on_a_read_only_root_with_a_writable_tmp_and_gets_the_allow_list(string file)
    {
        var operarius = KubernetesYaml.Deserialize<Operarius>(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "operarius", file)));
        var pod = operarius.Spec.JobTemplate.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal(Runner, pod.ServiceAccountName);

        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        var tmp = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        Assert.Contains(container.EnvFrom, e => e.ConfigMapRef?.Name == Runner);
    }

    [Fact]
    public void The_built_in_operarii_are_the_rollout_remediation_and_the_two_analysis_only_ones_alike_but_for_their_alert_and_mode()
    {
        var operarii = PlaygroundOperarii().ToDictionary(o => o.Spec.AlertSelector.Alertname, o => o);
        var rollout = operarii["KubeDaemonSetRolloutStuck"];

        Assert.Equal(["KubeDaemonSetMisScheduled", "KubeDaemonSetNotScheduled", "KubeDaemonSetRolloutStuck"], operarii.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["openfero-daemonset-misscheduled", "openfero-daemonset-not-scheduled", "openfero-daemonset-remediate"], operarii.Values.Select(o => o.Metadata.Name).Order(StringComparer.Ordinal));
        foreach (var (alert, operarius) in operarii)
        {
            var pod = operarius.Spec.JobTemplate.Spec.Template.Spec;
            var container = pod.Containers[0];
            var expected = rollout.Spec.JobTemplate.Spec.Template.Spec;
            Assert.Equal(KubernetesJson.Serialize(expected.SecurityContext), KubernetesJson.Serialize(pod.SecurityContext));
            Assert.Equal(KubernetesJson.Serialize(expected.Containers[0].SecurityContext), KubernetesJson.Serialize(container.SecurityContext));
            Assert.Equal((expected.ServiceAccountName, expected.Containers[0].Image), (pod.ServiceAccountName, container.Image));
            Assert.Equal(["remediate"], container.Args);
            var analyzeOnly = container.Env.SingleOrDefault(e => e.Name == "Runner__AnalyzeOnly")?.Value;
            Assert.Equal(alert == "KubeDaemonSetRolloutStuck" ? null : "true", analyzeOnly);
            Assert.DoesNotContain(container.Env, e => e.Name == "Runner__DeleteMisscheduledPods" && e.Value != "false");
        }
    }

    private static IEnumerable<Operarius> PlaygroundOperarii() =>
        OpenFero.DaemonSet.Playground.PlaygroundSystem.BuiltInOperarii
            .Select(file => KubernetesYaml.Deserialize<Operarius>(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "operarius", file))));

    [Fact]
    public void The_image_is_built_from_base_images_pinned_to_a_patch_version_with_locked_packages()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile"));
        var bases = dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(bases);
        Assert.All(bases, line => Assert.Matches(PinnedImage(), line));
        Assert.Contains(dockerfile, l => l.Contains("--locked-mode", StringComparison.Ordinal));
        Assert.All(Directory.GetFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories),
            project => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "packages.lock.json")), $"{project} has no packages.lock.json"));
    }

    private static List<object> Manifests(string folder) =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, folder), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file)))];

    [GeneratedRegex(@"^FROM \S+:\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?( AS \w+)?$")]
    private static partial Regex PinnedImage();
}
