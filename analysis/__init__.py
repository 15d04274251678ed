"""Pure domain computation (no Streamlit, no SQL): MPI, TPMAP dimensions, five capitals, rates."""
