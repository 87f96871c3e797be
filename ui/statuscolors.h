// SPDX-License-Identifier: MIT
// StatusColors: the one palette for good / warning / bad / unknown across the tray icon, quota bars, tables, charts,
// banners and field errors, so that "amber" means the same colour everywhere.
#pragma once

#include <QColor>

namespace StatusColors {
inline QColor good()
{
    return {0x2e, 0x9e, 0x5b};
}
/// Amber for fills and marks (bars, icons, dots).
inline QColor warning()
{
    return {0xe0, 0x9b, 0x1a};
}
/// Amber dark enough for text on a light background.
inline QColor warningText()
{
    return {0xc2, 0x7c, 0x0e};
}
inline QColor bad()
{
    return {0xd0, 0x3a, 0x3a};
}
inline QColor unknown()
{
    return {0x90, 0x90, 0x90};
}
} // namespace StatusColors
