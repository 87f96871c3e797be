// SPDX-License-Identifier: MIT
// TrayIcons: the app and tray state icons, painted so they read on light and dark panels.
#pragma once

#include <QColor>
#include <QIcon>

class TrayIcons
{
public:
    enum class State { Normal, Degraded, Unavailable, Paused };
    /// Painted once per state and then shared: the same state always gives the same icon (same cacheKey()).
    static QIcon icon(State state);
    static QIcon appIcon();
    static QColor color(State state);

    /// The coloured dot before an account line in the tray menu.
    enum class Mark { Active, Cooling, Unavailable, Unknown };
    static QIcon mark(Mark mark);
    static QColor markColor(Mark mark);
};
