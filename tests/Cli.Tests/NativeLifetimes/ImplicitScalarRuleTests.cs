using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using HeldScalars = QGan.MLNet.Trainers.Runtime.ScalarSafe.HeldScalars;
using ScalarSafe = QGan.MLNet.Trainers.Runtime.ScalarSafe;

namespace QGan.MLNet.Cli.Tests.NativeLifetimes;

/// <summary>
/// The compiled project code (every project assembly; this test project references the CLI, which references them
/// all) follows the rule that prevents the random native crashes: TorchSharp never creates a Scalar implicitly
/// (docs/gan-training.md, "Native object lifetimes"). The garbage-collection pressure tests show that the training and
/// scoring loops survive; this one finds a new implicit Scalar anywhere, also in code no such test runs.
/// </summary>
public sealed class ImplicitScalarRuleTests
{
    [Fact]
    public void No_project_code_lets_TorchSharp_create_a_Scalar_implicitly()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileName(f) is var name && (name == "qgan.dll" || (name.StartsWith("QGan.MLNet.", StringComparison.Ordinal) && !name.EndsWith(".Tests.dll", StringComparison.Ordinal))))
            .ToList();
        Assert.Contains(assemblies, f => Path.GetFileName(f) == "QGan.MLNet.Trainers.dll");
        Assert.Contains(assemblies, f => Path.GetFileName(f) == "QGan.MLNet.Experiments.dll");
        Assert.Contains(assemblies, f => Path.GetFileName(f) == "qgan.dll");

        var violations = assemblies.SelectMany(a => ImplicitScalarRule.ForTorchSharp.Violations(IlCallGraph.Read(a))).ToList();

        Assert.True(violations.Count == 0, "implicit TorchSharp Scalars:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_rule_finds_each_kind_of_implicit_Scalar_and_accepts_the_held_ones()
    {
        var graph = IlCallGraph.Read(typeof(ImplicitScalarRuleTests).Assembly.Location);
        var violations = ImplicitScalarRule.ForTorchSharp.Violations(graph).ToList();
        var forbidden = violations.Where(v => v.Method.Contains("::" + nameof(ForbiddenPatterns) + "(", StringComparison.Ordinal)).ToList();

        Assert.Contains(forbidden, v => v.Reason.Contains("calls TorchSharp.torch/Tensor::op_Addition(TorchSharp.torch/Tensor,Int32), which", StringComparison.Ordinal));
        Assert.Contains(forbidden, v => v.Reason.StartsWith("converts a .NET number", StringComparison.Ordinal));
        Assert.Contains(forbidden, v => v.Reason.Contains("calls TorchSharp.torch/Tensor::add(TorchSharp.torch/Tensor), which", StringComparison.Ordinal));
        Assert.Contains(forbidden, v => v.Reason.Contains("calls TorchSharp.torch/Tensor::square(), which", StringComparison.Ordinal));
        Assert.Contains(forbidden, v => v.Reason.Contains("creates a TorchSharp.Modules.LeakyReLU, whose", StringComparison.Ordinal));
        Assert.Contains(forbidden, v => v.Reason.Contains("creates a TorchSharp.Modules.BatchNorm1d, whose", StringComparison.Ordinal));
        Assert.Contains(forbidden, v => v.Reason.Contains("creates a TorchSharp.Modules.Adam, whose", StringComparison.Ordinal));
        // Each is located by its source line, so a failure says where to look.
        Assert.All(forbidden, v => Assert.Matches(@"NativeLifetimes/ImplicitScalarRuleTests\.cs:\d+$", v.Location));
        Assert.DoesNotContain(violations, v => v.Method.Contains("::" + nameof(HeldPatterns) + "(", StringComparison.Ordinal));
    }

    internal static void ForbiddenPatterns(Tensor a, Tensor b, IEnumerable<Parameter> parameters)
    {
        using var plusOne = a + 1;
        using var plusTwice = a.add(b, 2);
        using var sum = a.add(b);
        using var squared = a.square();
        using var leaky = nn.LeakyReLU(0.2);
        using var norm = nn.BatchNorm1d(4);
        using var adam = optim.Adam(parameters);
    }

    internal static void HeldPatterns(Tensor a, Tensor b, IEnumerable<Parameter> parameters)
    {
        using var half = 0.5.ToScalar();
        using var scaled = a.mul(half);
        using var sum = a.add(b, HeldScalars.One);
        using var squared = a.pow(HeldScalars.Two);
        using var leaky = new ScalarSafe.LeakyReLU(0.2);
        using var norm = new ScalarSafe.BatchNorm1d(4);
        using var adam = new ScalarSafe.Adam(parameters);
    }
}
