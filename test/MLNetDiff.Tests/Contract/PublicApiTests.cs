using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MLNetDiff.Tests.Contract;

/// <summary>No internal ML.NET type appears in the public API of our assemblies (<see cref="PublicApiChecker"/>).</summary>
[TestClass]
public sealed class PublicApiTests
{
    // MLNetDiff.Onnx needs ML.NET 6 (Microsoft.ML.OnnxConverter) while this suite also builds against 5.0.1: its check
    // runs in test/MLNetDiff.Onnx.Tests (OnnxPublicApiTests), with this checker linked in.
    private static readonly string[] OurAssemblies = ["MLNetDiff", "MLNetDiff.Nn", "MLNetDiff.Kernels"];

    [TestMethod]
    public void OurPublicApi_MentionsNoInternalMlNetType()
    {
        var leaks = new List<string>();
        int visible = 0;
        foreach (string name in OurAssemblies)
        {
            Assembly assembly = Assembly.Load(new AssemblyName(name));
            visible += assembly.GetTypes().Count(t => t.IsVisible);
            leaks.AddRange(PublicApiChecker.FindLeaks(assembly.GetTypes()));
        }
        Assert.IsTrue(visible > 0, "no public type found: the check would be vacuous");
        Assert.AreEqual(0, leaks.Count, "Public signatures mention internal ML.NET types:\n" + string.Join('\n', leaks));
    }

    [TestMethod]
    public void Checker_FindsEveryKindOfLeak()
    {
        Type hidden = InternalMlNetType();
        Assert.IsFalse(hidden.IsVisible);
        Type[] types = EmitProbeTypes(hidden);
        IReadOnlyList<string> leaks = PublicApiChecker.FindLeaks(types);
        string all = string.Join('\n', leaks);

        foreach (string leaking in new[] { "LeakyParameter", "LeakyReturn", "LeakyGenericArgument", "LeakyArray",
            "LeakyBase", "LeakyProtected", "LeakyField", "LeakyProperty" })
        {
            Assert.IsTrue(leaks.Any(l => l.StartsWith($"Probe.{leaking}:", StringComparison.Ordinal)), $"{leaking} not reported:\n{all}");
        }
        foreach (string clean in new[] { "SealedProtected", "PrivateProtected", "InternalMethod", "NotPublicType", "PublicSignatures" })
            Assert.IsFalse(leaks.Any(l => l.StartsWith($"Probe.{clean}:", StringComparison.Ordinal)), $"{clean} wrongly reported:\n{all}");
    }

    [TestMethod]
    public void Checker_AcceptsPublicMlNetTypesThatImplementInternalInterfaces()
    {
        // Public ML.NET classes implement internal interfaces (IPredictor, ICanSaveOnnx, ...): not counted. Public
        // generic compositions of public ML.NET types are fine.
        Type[] types =
        [
            typeof(PlattCalibrator),
            typeof(BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>),
            typeof(ClusteringPredictionTransformer<>),
        ];
        IReadOnlyList<string> leaks = PublicApiChecker.FindLeaks(types.Where(t => t.IsSealed));
        Assert.AreEqual(0, leaks.Count, string.Join('\n', leaks));
    }

    // An internal type of the real Microsoft.ML.Core (RoleMappedData), found by reflection.
    private static Type InternalMlNetType()
        => typeof(MLContext).Assembly.GetReferencedAssemblies()
            .Select(Assembly.Load)
            .Append(typeof(MLContext).Assembly)
            .SelectMany(a => a.GetTypes())
            .First(t => t.FullName == "Microsoft.ML.Data.RoleMappedData");

    // Probe types with known leaks (and known non-leaks) built at run time: C# cannot name the internal type.
    private static Type[] EmitProbeTypes(Type hidden)
    {
        // The probe derives from List<internal type>: like our Route B assemblies it needs IgnoresAccessChecksTo to
        // load (the attribute type is MLNetDiff's own internal one).
        ConstructorInfo ignoresAccessChecks = Assembly.Load(new AssemblyName("MLNetDiff"))
            .GetType("System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute", throwOnError: true)!
            .GetConstructor([typeof(string)])!;
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("MLNetDiff.PublicApiProbe"), AssemblyBuilderAccess.Run,
            [new CustomAttributeBuilder(ignoresAccessChecks, [hidden.Assembly.GetName().Name!])]);
        ModuleBuilder module = assembly.DefineDynamicModule("Probe");
        Type listOfHidden = typeof(List<>).MakeGenericType(hidden);
        var types = new List<Type>
        {
            Type("LeakyParameter", TypeAttributes.Public, t => Method(t, "Take", MethodAttributes.Public, typeof(void), hidden)),
            Type("LeakyReturn", TypeAttributes.Public, t => Method(t, "Get", MethodAttributes.Public, hidden)),
            Type("LeakyGenericArgument", TypeAttributes.Public, t => Method(t, "Get", MethodAttributes.Public, listOfHidden)),
            Type("LeakyArray", TypeAttributes.Public, t => Method(t, "Take", MethodAttributes.Public, typeof(void), hidden.MakeArrayType())),
            Type("LeakyProtected", TypeAttributes.Public, t => Method(t, "Take", MethodAttributes.Family, typeof(void), hidden)),
            Type("LeakyField", TypeAttributes.Public, t => t.DefineField("Value", hidden, FieldAttributes.Public)),
            Type("LeakyProperty", TypeAttributes.Public, t =>
            {
                PropertyBuilder property = t.DefineProperty("Value", PropertyAttributes.None, hidden, null);
                property.SetGetMethod(Method(t, "get_Value", MethodAttributes.Public | MethodAttributes.SpecialName, hidden));
            }),
            Type("SealedProtected", TypeAttributes.Public | TypeAttributes.Sealed, t => Method(t, "Take", MethodAttributes.Family, typeof(void), hidden)),
            Type("PrivateProtected", TypeAttributes.Public, t => Method(t, "Take", MethodAttributes.FamANDAssem, typeof(void), hidden)),
            Type("InternalMethod", TypeAttributes.Public, t => Method(t, "Take", MethodAttributes.Assembly, typeof(void), hidden)),
            Type("NotPublicType", TypeAttributes.NotPublic, t => Method(t, "Take", MethodAttributes.Public, typeof(void), hidden)),
            Type("PublicSignatures", TypeAttributes.Public, t => Method(t, "Get", MethodAttributes.Public,
                typeof(BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>), typeof(IDataView))),
        };
        TypeBuilder leakyBase = module.DefineType("Probe.LeakyBase", TypeAttributes.Public, listOfHidden);
        leakyBase.DefineDefaultConstructor(MethodAttributes.Public);
        types.Add(leakyBase.CreateType());
        return [.. types];

        Type Type(string name, TypeAttributes attributes, Action<TypeBuilder> define)
        {
            TypeBuilder builder = module.DefineType("Probe." + name, attributes | TypeAttributes.Class);
            define(builder);
            return builder.CreateType();
        }
    }

    private static MethodBuilder Method(TypeBuilder type, string name, MethodAttributes attributes, Type returnType, params Type[] parameters)
    {
        MethodBuilder method = type.DefineMethod(name, attributes | MethodAttributes.HideBySig, returnType, parameters);
        ILGenerator il = method.GetILGenerator();
        if (returnType != typeof(void))
            il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ret);
        return method;
    }
}
