namespace QGan.MLNet.Cli.Tests.NativeLifetimes;

/// <summary>
/// The rule of docs/gan-training.md, "Native object lifetimes", checked on compiled code: project code never lets
/// TorchSharp create a <c>Scalar</c> implicitly. TorchSharp's Scalars are finalizable objects that native code reads
/// through a raw pointer, so one that nothing holds can be freed by a collection on another thread during the call.
/// A violation is
/// <list type="bullet">
/// <item>an implicit conversion of a .NET number to a Scalar (<c>t + 1</c>, <c>t.mul(0.5)</c>, <c>Scalar s = 2</c>);</item>
/// <item>a call of a TorchSharp method that creates a Scalar in its own body or in a method it calls
/// (<c>add(tensor)</c> passes alpha 1, <c>square()</c> passes exponent 2, <c>nn.functional.leaky_relu</c>);</item>
/// <item>the construction of a TorchSharp type whose <c>forward</c> or <c>step</c> does so (<c>nn.LeakyReLU</c>,
/// <c>nn.BatchNorm1d</c>/<c>2d</c>, <c>optim.Adam</c>): their replacements are in <c>Runtime/ScalarSafe</c>.</item>
/// </list>
/// An explicit <c>ToScalar()</c> is allowed: the rule asks for it, held until the call that reads it has returned.
/// The TorchSharp side is read from TorchSharp's own IL, so a TorchSharp update is checked as it is.
/// </summary>
internal sealed class ImplicitScalarRule
{
    private const string ScalarType = "TorchSharp.Scalar";
    private const string ExplicitConversion = "TorchSharp.ScalarExtensionMethods::ToScalar(";

    private static readonly Lazy<ImplicitScalarRule> _forTorchSharp = new(() => new ImplicitScalarRule(
        IlCallGraph.Read(typeof(TorchSharp.Scalar).Assembly.Location)));

    private readonly Dictionary<string, string> _creators;
    private readonly Dictionary<string, string> _creatingTypes;

    private ImplicitScalarRule(IlCallGraph torch)
    {
        _creators = ScalarCreators(torch);
        _creatingTypes = ScalarCreatingTypes(torch, _creators);
    }

    /// <summary>The rule for the TorchSharp assembly the project is built against.</summary>
    public static ImplicitScalarRule ForTorchSharp => _forTorchSharp.Value;

    /// <summary>TorchSharp methods that create a Scalar (directly or through calls), with the call that does.</summary>
    public IReadOnlyDictionary<string, string> Creators => _creators;

    /// <summary>TorchSharp types whose forward or step creates a Scalar, with that method.</summary>
    public IReadOnlyDictionary<string, string> CreatingTypes => _creatingTypes;

    /// <summary>Every violation in <paramref name="graph"/>'s methods, located by source line.</summary>
    public IEnumerable<ImplicitScalarViolation> Violations(IlCallGraph graph)
    {
        foreach (var (method, calls) in graph.Calls)
        {
            foreach (var call in calls)
            {
                if (Reason(call) is { } reason)
                {
                    yield return new ImplicitScalarViolation(graph.Name, method, call.Location, reason);
                }
            }
        }
    }

    private string? Reason(IlCall call)
    {
        if (call.Callee.StartsWith(ScalarType + "::op_Implicit(", StringComparison.Ordinal))
        {
            return "converts a .NET number to a Scalar implicitly";
        }
        if (!call.Callee.StartsWith(ExplicitConversion, StringComparison.Ordinal) && _creators.TryGetValue(call.Callee, out var inside))
        {
            return $"calls {call.Callee}, which creates a Scalar ({inside})";
        }
        var type = call.Constructs ? IlCallGraph.DeclaringType(call.Callee) : call.ReturnType;
        if (_creatingTypes.TryGetValue(type, out var method))
        {
            return $"creates a {type}, whose {method} creates a Scalar (use the Runtime/ScalarSafe replacement)";
        }
        return null;
    }

    /// <summary>
    /// Methods whose body converts a number to a Scalar (implicitly or with ToScalar) or constructs one, then every
    /// method that calls one of those (the declared target of a call; TorchSharp's virtual calls are the modules'
    /// forward and the optimizers' step, covered by <see cref="ScalarCreatingTypes"/>), up to a fixed point.
    /// </summary>
    private static Dictionary<string, string> ScalarCreators(IlCallGraph torch)
    {
        var creators = new Dictionary<string, string>();
        foreach (var (method, calls) in torch.Calls)
        {
            var creation = calls.FirstOrDefault(c => c.Callee.StartsWith(ScalarType + "::op_Implicit(", StringComparison.Ordinal)
                || c.Callee.StartsWith(ScalarType + "::.ctor(", StringComparison.Ordinal)
                || c.Callee.StartsWith(ExplicitConversion, StringComparison.Ordinal));
            if (creation is not null)
            {
                creators[method] = creation.Callee;
            }
        }
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (method, calls) in torch.Calls)
            {
                if (creators.ContainsKey(method))
                {
                    continue;
                }
                var call = calls.FirstOrDefault(c => creators.ContainsKey(c.Callee));
                if (call is not null)
                {
                    creators[method] = "via " + call.Callee;
                    grew = true;
                }
            }
        }
        return creators;
    }

    /// <summary>Types whose nearest declaration (own or inherited) of forward or step creates a Scalar.</summary>
    private static Dictionary<string, string> ScalarCreatingTypes(IlCallGraph torch, Dictionary<string, string> creators)
    {
        var types = new Dictionary<string, string>();
        foreach (var type in torch.MethodsByType.Keys)
        {
            foreach (var name in new[] { "forward", "step" })
            {
                for (string? t = type; t is not null && torch.MethodsByType.TryGetValue(t, out var methods); t = torch.BaseTypes[t])
                {
                    var declared = methods.Where(m => IlCallGraph.MethodName(m) == name).ToList();
                    if (declared.Count == 0)
                    {
                        continue;
                    }
                    if (declared.FirstOrDefault(creators.ContainsKey) is { } creating)
                    {
                        types.TryAdd(type, creating);
                    }
                    break;
                }
            }
        }
        return types;
    }
}

/// <summary>A call in project code that lets TorchSharp create a Scalar that nothing holds.</summary>
internal sealed record ImplicitScalarViolation(string Assembly, string Method, string Location, string Reason)
{
    public override string ToString() => $"{Location} ({Assembly}: {Method}): {Reason}";
}
