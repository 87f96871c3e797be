// SPDX-License-Identifier: MIT
// UiState: what the window remembers between runs (geometry, last page, column widths). Not configuration and never
// a secret: a QSettings INI file next to config.json (ui-state.ini). Until a file is set (tests), values live in
// memory only.
#pragma once

#include <QString>
#include <QVariant>

class QHeaderView;

namespace UiState {
/// The file to keep the state in; empty keeps it in memory (the default).
void setFile(const QString &path);
QString file();
QVariant value(const QString &key, const QVariant &fallback = {});
void setValue(const QString &key, const QVariant &value);
/// Restores `header`'s section sizes and order saved under `key`, then saves them whenever the user resizes or moves
/// a section. Call after the model and resize modes are set.
void rememberHeader(QHeaderView *header, const QString &key);
/// Writes what is pending to the file now (also done on exit).
void sync();
} // namespace UiState
