#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into the database of DATABASE_URL (emptied
# first) and the file folders it was taken from. Stop the web, workers and beat first.
#   deploy/restore.sh /var/backups/marathon/20261206T020000Z
set -euo pipefail
source="${1:?usage: restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?DATABASE_URL must be set}"
pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$DATABASE_URL" "$source/database.dump"
tar --extract --gzip --file="$source/files.tar.gz" --absolute-names
echo "restored $source"
