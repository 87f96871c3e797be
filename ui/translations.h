// SPDX-License-Identifier: MIT
// Translations: which of the translations embedded under :/i18n serves a language.
#pragma once

class QLocale;
class QTranslator;

namespace Translations {
/// Loads kiro-tray_<language> into `translator` (zh_CN for Chinese). Any other language gets the English plural forms
/// (kiro-tray_en: "1 account" / "2 accounts" for tr("%n account(s)")): the sources are English, so without it a count
/// would show its "(s)". Returns false only when not even the English file is there (a broken build).
bool load(QTranslator &translator, const QLocale &locale);
} // namespace Translations
