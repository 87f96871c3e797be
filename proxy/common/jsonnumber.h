// SPDX-License-Identifier: MIT
// JsonNumber: JSON numbers (doubles) to integers without undefined behaviour, whatever a client or Kiro sends.
#pragma once

#include <QtGlobal>

/// Converting a double beyond the integer's range (1e300, inf, NaN) is undefined behaviour in C++; JSON allows
/// such numbers, so every number read from a client, from Kiro or from a pasted file goes through here.
class JsonNumber
{
public:
    /// The largest integer a JSON number (a double) holds exactly: 2^53.
    static constexpr qint64 kMaxExactInteger = qint64(1) << 53;

    /// Truncated toward zero and clamped to qint64's range; NaN gives 0.
    static qint64 toInt64(double value);
    /// A count (tokens, credits, seconds): toInt64 clamped to 0..kMaxExactInteger, so that sums cannot overflow.
    static qint64 toCount(double value);
    /// A whole number within qint64's range.
    static bool isInteger(double value);
};
