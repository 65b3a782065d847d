#!/bin/sh
# Warn when another user (the service user) cannot run .venv's Python: .venv links to the
# interpreter it was made with, and one under a private home folder (a pyenv in an admin's home, mode 700)
# makes every service fail. Called by `make .venv/.installed`; never fails the build.
python=$(readlink -f "${1:-.venv/bin/python}")
path=$python
while [ "$path" != "/" ]; do
	mode=$(stat -c %A "$path")
	case "$mode" in
	d????????[xt] | -????????x | l*) ;;
	*)
		echo "Waarschuwing: $path ($mode) is niet toegankelijk voor andere gebruikers, dus de" \
			"dienstgebruiker kan $python niet starten; maak .venv opnieuw met een Python die" \
			"iedereen mag gebruiken: make clean && make .venv/.installed PYTHON=/usr/bin/python3" >&2
		exit 0
		;;
	esac
	path=$(dirname "$path")
done
