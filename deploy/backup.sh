#!/usr/bin/env bash
# Back up what cannot be made again: the database, and the files people uploaded or that
# hold personal data (portraits, label sheets, embassy packs). Printable kits and static
# files are made again by the site. Run daily from cron or a systemd timer, as the site's
# user, with the site's environment (DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT).
#   deploy/backup.sh /var/backups/marathon     -> <dir>/<UTC time>/{database.dump,files.tar.gz}
set -euo pipefail
target_root="${1:?usage: backup.sh TARGET_DIR}"
: "${DATABASE_URL:?DATABASE_URL must be set}"
media="${MEDIA_ROOT:-var/media}"
private="${PRIVATE_MEDIA_ROOT:-$(dirname "$media")/private}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$target_root/$stamp"
mkdir -p "$target"
chmod 700 "$target"
# Custom format: compressed, and restorable table by table if need be.
pg_dump --format=custom --no-owner --file="$target/database.dump" "$DATABASE_URL"
folders=()
for folder in "$media" "$private"; do
  [ -d "$folder" ] && folders+=("$folder")
done
tar --create --gzip --file="$target/files.tar.gz" --absolute-names --exclude="*/printables/*" "${folders[@]}"
echo "$target"
