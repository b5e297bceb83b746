using System.Reflection;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Tests;

/// <summary>
/// Public types of the libraries cannot be changed through their public surface (NodaTime's MutabilityTest is the model): no
/// public field that is not read-only, no public setter other than <c>init</c>, and no array, whose elements anyone could
/// overwrite, as a public property or field (matrices are <see cref="ReadOnlyMatrix{T}"/>, vectors read-only lists).
/// </summary>
public class MutabilityTests
{
    private static readonly string[] Libraries = ["ActiveAlignment", "ActiveAlignment.Numerics", "ActiveAlignment.FiniteGames", "ActiveAlignment.Plotting"];

    // Options objects built with object initialisers use init; these are the mutable-by-design exceptions: none.
    private static IEnumerable<Type> PublicTypes() => Libraries
        .SelectMany(name => Assembly.Load(name).GetExportedTypes())
        .Where(t => !typeof(Exception).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t));

    private static bool IsInitOnly(MethodInfo setter)
        => setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    [Fact]
    public void No_public_field_is_writable()
    {
        var writable = PublicTypes()
            .Where(t => !t.IsEnum)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsInitOnly && !f.IsLiteral)
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();
        writable.Should().BeEmpty();
    }

    [Fact]
    public void No_public_property_has_a_setter_other_than_init()
    {
        var settable = PublicTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}")
            .ToList();
        settable.Should().BeEmpty();
    }

    [Fact]
    public void No_public_property_has_an_internal_setter_either()
    {
        // An internal setter lets the library change an answer after handing it out (IsAsymmetric was set that way).
        var settable = PublicTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.GetSetMethod(nonPublic: true) is { IsPublic: false, IsPrivate: false } setter && !IsInitOnly(setter))
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}")
            .ToList();
        settable.Should().BeEmpty();
    }

    [Fact]
    public void No_public_property_or_field_is_an_array()
    {
        var arrays = PublicTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType.IsArray).Select(p => $"{t.FullName}.{p.Name}")
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(f => f.FieldType.IsArray).Select(f => $"{t.FullName}.{f.Name}")))
            .ToList();
        arrays.Should().BeEmpty();
    }

    [Fact]
    public void A_read_only_matrix_copies_what_it_is_given_and_hands_out_copies()
    {
        var values = new double[,] { { 1, 2 }, { 3, 4 } };
        var matrix = new ReadOnlyMatrix<double>(values);
        values[0, 0] = 99;
        matrix[0, 0].Should().Be(1);
        var copy = matrix.ToArray();
        copy[1, 1] = 99;
        matrix[1, 1].Should().Be(4);
        matrix.Rows.Should().Be(2);
        matrix.GetLength(1).Should().Be(2);
        matrix.Entries.Should().Equal(1, 2, 3, 4);
        matrix.ToString().Should().Be("ReadOnlyMatrix(2 × 2: [1, 2; 3, 4])");
        ((Action)(() => matrix.GetLength(2))).Should().Throw<ArgumentOutOfRangeException>();
        ReadOnlyMatrix<double>? converted = values;
        converted![0, 0].Should().Be(99);
    }

    [Fact]
    public void Payoffs_and_estimates_cannot_be_changed_through_the_answer()
    {
        var game = ActiveAlignment.Games.BimatrixGame.Create(["a", "b"], ["c", "d"], new long[,] { { 1, 0 }, { 0, 1 } }, new long[,] { { 1, 0 }, { 0, 1 } });
        game.RowPayoffs.Should().BeOfType<ReadOnlyMatrix<ActiveAlignment.Numerics.Exact.Rational>>();
        var lp = new ActiveAlignment.Numerics.Exact.LinearProgram(new ActiveAlignment.Numerics.Exact.Rational[,] { { 1 } }, [1], [1]);
        var solution = new ActiveAlignment.Numerics.Exact.ExactSimplexSolver().Solve(lp);
        solution.X.Should().NotBeAssignableTo<ActiveAlignment.Numerics.Exact.Rational[]>();
        lp.B.Should().NotBeAssignableTo<ActiveAlignment.Numerics.Exact.Rational[]>();
    }
}
