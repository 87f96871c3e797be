// SPDX-License-Identifier: MIT
// JsonNumber: range checks before every conversion (2^63 itself is not a qint64; -2^63 is).
#include "common/jsonnumber.h"

#include <cmath>
#include <limits>

namespace {
constexpr double kTwoTo63 = 9223372036854775808.0;
} // namespace

qint64 JsonNumber::toInt64(double value)
{
    if (std::isnan(value))
        return 0;
    if (value >= kTwoTo63)
        return std::numeric_limits<qint64>::max();
    if (value < -kTwoTo63)
        return std::numeric_limits<qint64>::min();
    return qint64(value);
}

qint64 JsonNumber::toCount(double value)
{
    return qBound<qint64>(0, toInt64(value), kMaxExactInteger);
}

bool JsonNumber::isInteger(double value)
{
    return value >= -kTwoTo63 && value < kTwoTo63 && std::trunc(value) == value;
}
