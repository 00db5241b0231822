"""Privacy (AVG): the guard on free text, photo metadata, retention and anonymising."""
