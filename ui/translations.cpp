// SPDX-License-Identifier: MIT
// Translations: the embedded .qm files (ui/CMakeLists.txt, qt_add_lrelease + qt_add_resources under /i18n).
#include "translations.h"

#include <QLocale>
#include <QString>
#include <QTranslator>

namespace {
const QString kDirectory = QStringLiteral(":/i18n");
const QString kBaseName = QStringLiteral("kiro-tray");
} // namespace

bool Translations::load(QTranslator &translator, const QLocale &locale)
{
    if (translator.load(locale, kBaseName, QStringLiteral("_"), kDirectory))
        return true;
    return translator.load(kBaseName + QStringLiteral("_en"), kDirectory);
}
