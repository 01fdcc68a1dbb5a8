using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// Finds public signatures that mention a non-public type of a Microsoft.ML* assembly (checked against the real
/// ML.NET assemblies loaded at run time, with <see cref="Type.IsVisible"/>). It looks at every visible type: its base
/// type and generic constraints, and each member a user can reach — public members, plus protected (and protected
/// internal) members of types that are not sealed: constructors, methods (return, parameters, generic constraints),
/// properties, fields and events. Element types and generic arguments are followed recursively. Interfaces a type
/// implements are not counted (ML.NET's own public classes implement internal interfaces), nor are private, internal
/// or private protected members (explicit interface implementations are private).
/// </summary>
public static class PublicApiChecker
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>One line per leaking signature: where, and which internal type it mentions.</summary>
    public static IReadOnlyList<string> FindLeaks(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var leaks = new List<string>();
        foreach (Type type in types.Where(t => t.IsVisible))
        {
            Report(leaks, type, "base type", type.BaseType);
            foreach (Type parameter in type.IsGenericTypeDefinition ? type.GetGenericArguments() : [])
            {
                foreach (Type constraint in parameter.GetGenericParameterConstraints())
                    Report(leaks, type, $"constraint on {parameter.Name}", constraint);
            }
            foreach (MemberInfo member in type.GetMembers(Declared))
                CheckMember(leaks, type, member);
        }
        return leaks;
    }

    private static void CheckMember(List<string> leaks, Type type, MemberInfo member)
    {
        switch (member)
        {
            case MethodBase method when Reachable(type, method):
                if (method is MethodInfo info)
                {
                    Report(leaks, type, $"{method.Name} return", info.ReturnType);
                    foreach (Type parameter in info.IsGenericMethodDefinition ? info.GetGenericArguments() : [])
                    {
                        foreach (Type constraint in parameter.GetGenericParameterConstraints())
                            Report(leaks, type, $"{method.Name} constraint on {parameter.Name}", constraint);
                    }
                }
                foreach (ParameterInfo parameter in method.GetParameters())
                    Report(leaks, type, $"{method.Name}({parameter.Name})", parameter.ParameterType);
                break;
            case PropertyInfo property when property.GetAccessors(nonPublic: true).Any(a => Reachable(type, a)):
                Report(leaks, type, $"property {property.Name}", property.PropertyType);
                break;
            case FieldInfo field when Reachable(field.IsPublic, field.IsFamily || field.IsFamilyOrAssembly, type):
                Report(leaks, type, $"field {field.Name}", field.FieldType);
                break;
            case EventInfo evt when evt.AddMethod is { } add && Reachable(type, add):
                Report(leaks, type, $"event {evt.Name}", evt.EventHandlerType);
                break;
            case Type nested:
                _ = nested; // Nested types are visited on their own (GetTypes lists them).
                break;
        }
    }

    private static bool Reachable(Type type, MethodBase method)
        => Reachable(method.IsPublic, method.IsFamily || method.IsFamilyOrAssembly, type);

    private static bool Reachable(bool isPublic, bool isProtected, Type type) => isPublic || (isProtected && !type.IsSealed);

    private static void Report(List<string> leaks, Type owner, string where, Type? mentioned)
    {
        if (mentioned is not null && FindInternal(mentioned) is { } hidden)
            leaks.Add($"{owner.FullName}: {where} mentions {hidden.FullName} ({hidden.Assembly.GetName().Name}) in {mentioned}");
    }

    // The first non-public Microsoft.ML* type inside `type` (itself, element types, generic arguments), or null.
    private static Type? FindInternal(Type type)
    {
        if (type.HasElementType)
            return FindInternal(type.GetElementType()!);
        if (type.IsGenericParameter)
            return null;
        if (!type.IsVisible && (type.Assembly.GetName().Name ?? "").StartsWith("Microsoft.ML", StringComparison.Ordinal)
            && !(type.IsGenericType && type.GetGenericArguments().Length > 0 && type.GetGenericTypeDefinition().IsVisible))
            return type;
        if (type.IsGenericType)
        {
            foreach (Type argument in type.GetGenericArguments())
            {
                if (FindInternal(argument) is { } hidden)
                    return hidden;
            }
        }
        return null;
    }
}
