namespace MoneyBot.OrderFlow.Conditions;

/// <summary>
/// The conditions other tools can ask about (spec orderflow.md section 4); see <see cref="ConditionNames"/> for their
/// wire names.
/// </summary>
public enum ConditionKind : byte
{
    /// <summary><c>delta_positive</c>: delta over the window is above 0.</summary>
    DeltaPositive,

    /// <summary><c>delta_negative</c>: delta over the window is below 0.</summary>
    DeltaNegative,

    /// <summary><c>cvd_rising</c>: the CVD slope is above the epsilon.</summary>
    CvdRising,

    /// <summary><c>cvd_falling</c>: the CVD slope is below minus the epsilon.</summary>
    CvdFalling,

    /// <summary>
    /// <c>absorption_zone_near</c>: an active absorption zone lies within the tolerance of the price.
    /// </summary>
    AbsorptionZoneNear,

    /// <summary>
    /// <c>avoid_absorption_zones</c>: no active absorption zone lies within the tolerance of the price (clear to act).
    /// </summary>
    AvoidAbsorptionZones,
}
