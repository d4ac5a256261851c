using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MarketSim.Core.Scenarios.Binding;

/// <summary>What a scenario property holds, which decides how a configuration value binds to it.</summary>
internal enum ValueKind { Double, Int, Bool, String, YearMonth, Record, Table }

/// <summary>
/// One bindable property of an option record, with its validation attributes and typed accessors
/// (reflection is done once per type, so a sweep's thousands of overrides cost only delegate calls).
/// </summary>
internal sealed class PropertyShape
{
    public required string Name { get; init; }
    public required Type Type { get; init; }
    public required ValueKind Kind { get; init; }
    public required Func<object, object?> Get { get; init; }
    public required Action<object, object> Set { get; init; }
    public ParameterAttribute? Parameter { get; init; }
    public OneOfAttribute? OneOf { get; init; }
    public PolicyNameAttribute? Policy { get; init; }
    /// <summary>The record's shape for <see cref="ValueKind.Record"/>.</summary>
    public RecordShape? Record { get; init; }
    /// <summary>The dictionary's shape for <see cref="ValueKind.Table"/>.</summary>
    public TableShape? Table { get; init; }
}

/// <summary>The bindable properties of one immutable option record, in declaration order.</summary>
internal sealed class RecordShape
{
    private static readonly ConcurrentDictionary<Type, RecordShape> Cache = new();

    private static readonly Func<object, object> ShallowCopy =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!
            .CreateDelegate<Func<object, object>>();

    private readonly Dictionary<string, PropertyShape> _byName;

    // The option records are found by walking property types, which the trimmer cannot follow; a native sweep worker
    // keeps the model's assembly whole instead (TrimmerRootAssembly in src/MarketSim.Worker).
    private const string RootedRecords = "Every option record is in MarketSim.Core, which the native worker keeps whole.";

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = RootedRecords)]
    private RecordShape(Type type)
    {
        Type = type;
        Properties = InDeclarationOrder(type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            .Where(p => p.SetMethod is { IsPublic: true } && !IsLoaderOwned(type, p))
            .Select(Describe)
            .ToArray();
        _byName = Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        NamesRules = Properties.Any(p => p.Policy is not null || p.Record?.NamesRules == true || p.Table?.Entry.NamesRules == true);
    }

    public Type Type { get; }
    public IReadOnlyList<PropertyShape> Properties { get; }

    /// <summary>Whether the record, or a record or table inside it, has a property naming a decision rule.</summary>
    public bool NamesRules { get; }
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = RootedRecords)]
    public object CreateDefault() => Activator.CreateInstance(Type)!;

    /// <summary>A shallow copy to set properties on; the original stays untouched.</summary>
    public object Clone(object record) => ShallowCopy(record);

    public static RecordShape Of(Type type) => Cache.GetOrAdd(type, t => new RecordShape(t));

    /// <summary>Finds a property by configuration key (case-insensitive) or explains which keys exist.</summary>
    public PropertyShape Resolve(string key, string parentPath)
    {
        if (_byName.TryGetValue(key, out var property)) return property;
        var where = parentPath.Length == 0 ? "top-level keys" : $"keys of {parentPath}";
        throw new ScenarioException(
            $"{KeyPath.Join(parentPath, key)}: unknown key; known {where}: {string.Join(", ", Properties.Select(p => p.Name))}");
    }

    // Reflection promises no order, and under the JIT the metadata token is the declaration order. A native sweep worker
    // (compiled ahead of time) keeps no tokens; its reflection lists properties as declared. Either way the order
    // reaches the scenario's hash, which a worker checks against the sweep's before it runs anything.
    private static IEnumerable<PropertyInfo> InDeclarationOrder(PropertyInfo[] properties) =>
        RuntimeFeature.IsDynamicCodeSupported ? properties.OrderBy(p => p.MetadataToken) : properties;

    // Scenario.Name comes from the file or built-in name, so a scenario file may not set it.
    private static bool IsLoaderOwned(Type type, PropertyInfo p) => type == typeof(Scenario) && p.Name == nameof(Scenario.Name);

    private static PropertyShape Describe(PropertyInfo p)
    {
        var kind = KindOf(p.PropertyType);
        var (get, set) = Accessors(p);
        return new PropertyShape
        {
            Name = p.Name,
            Type = p.PropertyType,
            Kind = kind,
            Get = get,
            Set = set,
            Parameter = p.GetCustomAttribute<ParameterAttribute>(),
            OneOf = p.GetCustomAttribute<OneOfAttribute>(),
            Policy = p.GetCustomAttribute<PolicyNameAttribute>(),
            Record = kind == ValueKind.Record ? Of(p.PropertyType) : null,
            Table = kind == ValueKind.Table ? TableShape.Of(p.PropertyType.GetGenericArguments()[1]) : null,
        };
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = RootedRecords)]
    private static ValueKind KindOf(Type t)
    {
        if (t == typeof(double)) return ValueKind.Double;
        if (t == typeof(int)) return ValueKind.Int;
        if (t == typeof(bool)) return ValueKind.Bool;
        if (t == typeof(string)) return ValueKind.String;
        if (t == typeof(YearMonth)) return ValueKind.YearMonth;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            && t.GetGenericArguments()[0] == typeof(string)) return ValueKind.Table;
        if (t.IsClass && t.GetConstructor(Type.EmptyTypes) is not null) return ValueKind.Record;
        throw new NotSupportedException($"scenario property type {t.Name} is not supported by the binder");
    }

    // Each accessor wraps the property's own get and set methods as typed delegates. Compiling an expression per
    // property instead made every process that loads a scenario (each sweep worker too) build and fully optimise
    // about 600 dynamic methods, about a tenth of a second of CPU before its first run. Code compiled ahead of time
    // cannot make new generic instantiations, so there the accessors call through reflection: the same values, a
    // few hundred calls per run.
    private static (Func<object, object?> Get, Action<object, object> Set) Accessors(PropertyInfo p)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) return (p.GetValue, p.SetValue);
        return TypedAccessors(p);
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called where dynamic code is supported.")]
    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "Only called where dynamic code is supported.")]
    private static (Func<object, object?>, Action<object, object>) TypedAccessors(PropertyInfo p) =>
        ((Func<object, object?>, Action<object, object>))TypedAccessorsMethod
            .MakeGenericMethod(p.DeclaringType!, p.PropertyType)
            .Invoke(null, [p])!;

    private static readonly MethodInfo TypedAccessorsMethod =
        typeof(RecordShape).GetMethod(nameof(TypedAccessorsOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static (Func<object, object?>, Action<object, object>) TypedAccessorsOf<TRecord, TValue>(PropertyInfo p)
        where TRecord : class
    {
        var get = p.GetMethod!.CreateDelegate<Func<TRecord, TValue>>();
        var set = p.SetMethod!.CreateDelegate<Action<TRecord, TValue>>();
        return (record => get((TRecord)record), (record, value) => set((TRecord)record, (TValue)value));
    }
}

internal static class KeyPath
{
    public static string Join(string parent, string key) => parent.Length == 0 ? key : parent + ":" + key;
}
