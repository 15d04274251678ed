"""Community Big Data on screen: the asset points over the map and a tambon's strengths and problems."""
